package org.nuage.core.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * How a video is cut into chunks that are encoded in parallel and joined: one chunk for a short
 * video, else chunks of a whole number of segments.
 */
public record ChunkPlan(List<Chunk> chunks) {

    public ChunkPlan {
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty() || !chunks.get(chunks.size() - 1).last()) {
            throw new IllegalArgumentException("a chunk plan ends with a last chunk");
        }
    }

    /**
     * Chunks of {@code config.chunkSeconds()} for a video of {@code durationSeconds}. A tail shorter
     * than half a chunk joins the chunk before it: an invocation that starts a process, downloads the
     * source and seeks costs seconds, which a few seconds of video do not repay.
     */
    public static ChunkPlan of(double durationSeconds, LadderConfig config) {
        int length = config.chunkSeconds();
        int count = Math.max(1, (int) Math.ceil(durationSeconds / length));
        if (count > 1 && durationSeconds - (double) (count - 1) * length < length / 2.0) {
            count--;
        }
        List<Chunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1;
            chunks.add(new Chunk(i, i * length, last ? 0 : (i + 1) * length, last));
        }
        return new ChunkPlan(chunks);
    }

    /** One chunk covering the whole video, for audio-only uploads: audio encodes fast enough in one piece. */
    public static ChunkPlan single() {
        return new ChunkPlan(List.of(new Chunk(0, 0, 0, true)));
    }

    /** Whether the video is long enough to be cut at all. */
    public boolean chunked() {
        return chunks.size() > 1;
    }
}
