package org.nuage.core.transcode;

import java.util.List;

/**
 * What an instance chooses for its renditions: the resolutions, whether the source's own size is
 * kept too, the frame-rate ceiling, and how encodes are cut into HLS segments and parallel chunks.
 *
 * @param resolutions the shorter side of each rendition, as PeerTube names a resolution (720 for
 *     1280x720 and for 720x1280)
 * @param keepOriginal also encode the source at its own size when that is not in {@code resolutions},
 *     like PeerTube's {@code transcoding.always_transcode_original_resolution}
 * @param maxFps no rendition is faster than this, like PeerTube's {@code transcoding.fps.max}
 * @param segmentSeconds HLS segment length, and so the keyframe grid every rendition shares
 * @param segmentsPerChunk how many segments one parallel chunk encode covers
 */
public record LadderConfig(List<Integer> resolutions, boolean keepOriginal, int maxFps, int segmentSeconds,
        int segmentsPerChunk) {

    /** PeerTube's resolutions from 144p to 1080p; 1440p and 2160p only through {@code keepOriginal}. */
    public static final List<Integer> DEFAULT_RESOLUTIONS = List.of(144, 240, 360, 480, 720, 1080);

    /** PeerTube's default {@code transcoding.fps.max}. */
    public static final int DEFAULT_MAX_FPS = 60;

    /**
     * PeerTube's {@code -hls_time 4}; short enough for quick quality switches, long enough that a
     * two-hour film stays under 2,000 segments per rendition.
     */
    public static final int DEFAULT_SEGMENT_SECONDS = 4;

    /**
     * 15 segments make 60-second chunks. The whole ladder of a 60 s 1080p clip takes about 60 s at
     * x264 {@code veryfast} on 2 cores, and 1080p is about half of its pixels, so a chunk of the
     * largest rendition takes about half a minute: far inside Lambda's 15 minutes even with the
     * download, yet an hour of video spreads over 60 parallel invocations per rendition.
     */
    public static final int DEFAULT_SEGMENTS_PER_CHUNK = 15;

    public LadderConfig {
        resolutions = List.copyOf(resolutions);
        for (int resolution : resolutions) {
            // H.264 in 4:2:0 stores colour per 2x2 pixels, so both sides of a picture must be even.
            if (resolution < 2 || resolution % 2 != 0) {
                throw new IllegalArgumentException("resolution " + resolution + " must be even and at least 2");
            }
        }
        if (maxFps < 1) {
            throw new IllegalArgumentException("maxFps must be at least 1, not " + maxFps);
        }
        if (segmentSeconds < 1) {
            throw new IllegalArgumentException("segmentSeconds must be at least 1, not " + segmentSeconds);
        }
        if (segmentsPerChunk < 1) {
            throw new IllegalArgumentException("segmentsPerChunk must be at least 1, not " + segmentsPerChunk);
        }
    }

    /**
     * PeerTube's ladder, without keeping the original size: the issue makes that optional, and on
     * Lambda a 4K original is the most expensive rendition of all. (PeerTube's own default keeps it.)
     */
    public static LadderConfig defaults() {
        return new LadderConfig(DEFAULT_RESOLUTIONS, false, DEFAULT_MAX_FPS, DEFAULT_SEGMENT_SECONDS,
                DEFAULT_SEGMENTS_PER_CHUNK);
    }

    public LadderConfig withResolutions(List<Integer> resolutions) {
        return new LadderConfig(resolutions, keepOriginal, maxFps, segmentSeconds, segmentsPerChunk);
    }

    public LadderConfig withKeepOriginal(boolean keepOriginal) {
        return new LadderConfig(resolutions, keepOriginal, maxFps, segmentSeconds, segmentsPerChunk);
    }

    public LadderConfig withMaxFps(int maxFps) {
        return new LadderConfig(resolutions, keepOriginal, maxFps, segmentSeconds, segmentsPerChunk);
    }

    public LadderConfig withChunking(int segmentSeconds, int segmentsPerChunk) {
        return new LadderConfig(resolutions, keepOriginal, maxFps, segmentSeconds, segmentsPerChunk);
    }

    /** The length of one chunk in seconds, always a whole number of segments. */
    public int chunkSeconds() {
        return segmentSeconds * segmentsPerChunk;
    }
}
