package org.nuage.core.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;

class TranscodeJobTest {

    private static final String UUID = "6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f";
    private static final LadderPlanner PLANNER = new LadderPlanner(LadderConfig.defaults());

    private static TranscodeJob job(double seconds, boolean hasVideo) {
        SourceMedia source = new SourceMedia(hasVideo ? 640 : 0, hasVideo ? 360 : 0, 0, hasVideo ? 30 : 0, seconds,
                hasVideo, true, 0);
        return new TranscodeJob(PLANNER.plan(UUID, source), seconds, Set.of(), Instant.EPOCH);
    }

    @Test
    void aShortVideoIsOneEncodePerRenditionLargestFirstThenTheImages() {
        List<TranscodeTask> tasks = job(30, true).tasks();
        assertEquals(List.of(TranscodeTask.encode(UUID, "360"), TranscodeTask.encode(UUID, "240"),
                TranscodeTask.encode(UUID, "144"), TranscodeTask.images(UUID)), tasks);
    }

    @Test
    void aLongVideoIsCutIntoChunksPerRenditionAndSoundAloneIsNot() {
        TranscodeJob job = job(150, true);
        // 150 s in 60-second chunks: 0-60, 60-120 and a last one to the end.
        assertEquals(3 * 3 + 1, job.tasks().size());
        assertTrue(job.tasks().contains(TranscodeTask.chunk(UUID, "360", 2)));
        assertEquals(List.of(TranscodeTask.encode(UUID, "audio")), job(3600, false).tasks());
    }

    @Test
    void progressGrowsWithTheWorkAndReachesAHundredOnlyWhenAllIsDone() {
        TranscodeJob job = job(150, true);
        Set<String> done = new HashSet<>();
        int last = job.percent();
        assertEquals(0, last);
        for (TranscodeTask task : job.tasks()) {
            if (task.kind() == TranscodeTask.Kind.CHUNK) {
                done.add(task.outcome());
                TranscodeJob now = job.withDone(done);
                assertTrue(now.percent() >= last, "progress never goes back");
                last = now.percent();
            }
        }
        TranscodeJob chunksDone = job.withDone(done);
        assertTrue(chunksDone.chunksDone("360"));
        assertEquals(3, chunksDone.chunksFinished("240"));
        assertFalse(chunksDone.complete(), "chunks are not a rendition until joined");
        assertTrue(chunksDone.percent() < 100);
        for (String rendition : List.of("360", "240", "144")) {
            done.add(TranscodeTask.join(UUID, rendition).outcome());
        }
        assertFalse(job.withDone(done).complete(), "the images are still missing");
        assertEquals(99, job.withDone(done).percent());
        done.add(TranscodeTask.images(UUID).outcome());
        assertTrue(job.withDone(done).complete());
        assertEquals(100, job.withDone(done).percent());
    }

    @Test
    void aJoinAndAWholeEncodeMakeTheSameOutcome() {
        assertEquals(TranscodeTask.encode(UUID, "720").outcome(), TranscodeTask.join(UUID, "720").outcome());
    }

    @Test
    void thePlanSurvivesTheTableAndTasksTheQueue() {
        TranscodePlan plan = job(150, true).plan();
        assertEquals(plan, Json.read(Json.write(plan), TranscodePlan.class));
        TranscodeTask task = TranscodeTask.chunk(UUID, "240", 1);
        assertEquals(Optional.of(task), TranscodeService.task(TranscodeService.message(task)));
        assertEquals(Optional.empty(), TranscodeService.task("{\"Records\":[]}"), "an S3 notification is no task");
    }

    @Test
    void publishedKeysDeriveFromTheUuidOnly() {
        Rendition rendition = job(30, true).plan().rendition("360");
        assertEquals("videos/" + UUID + "/torrents/360.torrent", TranscodeService.torrentKey(rendition));
        assertEquals(UUID + "-360.mp4", TranscodeService.fileName(rendition));
        assertEquals("videos/" + UUID + "/hls/segments-sha256.json",
                TranscodeService.segmentsSha256Key(job(30, true).plan()));
    }
}
