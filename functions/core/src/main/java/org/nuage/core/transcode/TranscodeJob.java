package org.nuage.core.transcode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A video's transcoding: its plan, the source's probed length, and the outcomes of the tasks done
 * so far ({@link TranscodeTask#outcome()}), from which progress and completion follow.
 */
public record TranscodeJob(TranscodePlan plan, double sourceSeconds, Set<String> done, Instant startedAt) {

    public TranscodeJob {
        done = Set.copyOf(done);
    }

    /** Every task of the plan, in the order they are queued: large renditions first, since they take longest. */
    public List<TranscodeTask> tasks() {
        List<TranscodeTask> tasks = new ArrayList<>();
        String video = plan.videoUuid();
        for (Rendition rendition : plan.renditions().reversed()) {
            if (chunked(rendition)) {
                for (Chunk chunk : plan.chunks().chunks()) {
                    tasks.add(TranscodeTask.chunk(video, rendition.name(), chunk.index()));
                }
            } else {
                tasks.add(TranscodeTask.encode(video, rendition.name()));
            }
        }
        if (!plan.images().isEmpty()) {
            tasks.add(TranscodeTask.images(video));
        }
        return tasks;
    }

    /** Whether this rendition is encoded in parallel chunks: long videos with a picture (sound alone encodes fast enough in one piece). */
    public boolean chunked(Rendition rendition) {
        return plan.chunks().chunked() && rendition.hasVideo();
    }

    public boolean renditionDone(String rendition) {
        return done.contains(TranscodeTask.renditionOutcome(rendition));
    }

    public boolean chunksDone(String rendition) {
        return chunksFinished(rendition) == plan.chunks().chunks().size();
    }

    /** How many chunks of the rendition are encoded. */
    public long chunksFinished(String rendition) {
        return plan.chunks().chunks().stream()
                .filter(c -> done.contains(TranscodeTask.chunkOutcome(rendition, c.index()))).count();
    }

    public boolean imagesDone() {
        return done.contains(TranscodeTask.IMAGES_OUTCOME);
    }

    /** Whether everything to publish is there: every rendition, and the images when the video has a picture. */
    public boolean complete() {
        return plan.renditions().stream().allMatch(r -> renditionDone(r.name()))
                && (plan.images().isEmpty() || imagesDone());
    }

    public TranscodeJob withDone(Set<String> nowDone) {
        return new TranscodeJob(plan, sourceSeconds, nowDone, startedAt);
    }

    /**
     * Work done in per cent, each unit weighed by the share of the encoding it stands for: a
     * rendition counts by its pixels per second, its chunks share that; the join and the images
     * count little, as they encode nothing or one frame.
     */
    public int percent() {
        double total = 0;
        double finished = 0;
        for (Rendition rendition : plan.renditions()) {
            double weight = rendition.hasVideo()
                    ? (double) rendition.width() * rendition.height() * rendition.fps().value()
                    : 1;
            total += weight;
            if (renditionDone(rendition.name())) {
                finished += weight;
            } else if (chunked(rendition)) {
                // A joined rendition is nearly done when its chunks are: the join only copies.
                finished += weight * 0.95 * chunksFinished(rendition.name()) / plan.chunks().chunks().size();
            }
        }
        if (complete()) {
            return 100;
        }
        // Never 100 before publication: the last step (master playlist, state) is still to come.
        return (int) Math.min(99, Math.floor(100 * finished / total));
    }
}
