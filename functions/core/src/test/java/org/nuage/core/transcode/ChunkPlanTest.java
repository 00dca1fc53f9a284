package org.nuage.core.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cuts durations into chunks and checks the frames they cover. */
class ChunkPlanTest {

    private static final LadderConfig CONFIG = LadderConfig.defaults();

    private static List<Integer> starts(ChunkPlan plan) {
        return plan.chunks().stream().map(Chunk::startSecond).toList();
    }

    @Test
    void shortVideoIsOneChunk() {
        ChunkPlan plan = ChunkPlan.of(75, CONFIG);
        assertFalse(plan.chunked());
        assertEquals(List.of(0), starts(plan));
        assertTrue(plan.chunks().get(0).last());
    }

    @Test
    void longVideoIsCutOnTheSegmentGrid() {
        ChunkPlan plan = ChunkPlan.of(210, CONFIG);
        assertEquals(List.of(0, 60, 120, 180), starts(plan));
        for (Chunk chunk : plan.chunks()) {
            assertEquals(0, chunk.startSecond() % CONFIG.segmentSeconds());
        }
    }

    @Test
    void tailShorterThanHalfAChunkJoinsThePreviousChunk() {
        assertEquals(List.of(0, 60), starts(ChunkPlan.of(149, CONFIG)));
        assertEquals(List.of(0, 60, 120), starts(ChunkPlan.of(150, CONFIG)));
    }

    @Test
    void chunksOfAnNtscRenditionHoldEveryFrameOnceStartingOnTheFirstFrameAfterEachBoundary() {
        FrameRate ntsc = new FrameRate(30000, 1001);
        List<Chunk> chunks = ChunkPlan.of(210, CONFIG).chunks();
        long next = 0;
        for (Chunk chunk : chunks) {
            assertEquals(next, chunk.firstFrame(ntsc));
            assertTrue(chunk.seekSeconds(ntsc) >= chunk.startSecond());
            assertTrue(chunk.seekSeconds(ntsc) - chunk.startSecond() < 1 / ntsc.value());
            next += chunk.frameCount(ntsc);
        }
        // 60 s at 29.97 fps is 1798.2 frames: the boundary frame is 1799, at 60.027 s.
        assertEquals(1799, chunks.get(1).firstFrame(ntsc));
        assertEquals(-1, chunks.get(3).frameCount(ntsc), "the last chunk runs to the end");
    }

    @Test
    void concatListNamesEachChunkFileInOrder() {
        assertEquals("ffconcat version 1.0\nfile chunk-00000.mp4\nfile chunk-00001.mp4\n",
                FfmpegCommand.concatList(ChunkPlan.of(100, CONFIG)));
    }
}
