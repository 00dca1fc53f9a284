package org.nuage.core.transcode;

import org.nuage.core.media.ProbeReport;

/**
 * What the planner needs to know about an upload: its picture as stored, the quarter turns a player
 * applies to show it, its frame rate, duration, streams and overall bitrate.
 */
public record SourceMedia(int width, int height, int rotationDegrees, double fps, double durationSeconds,
        boolean hasVideo, boolean hasAudio, long bitrate) {

    /**
     * Used when ffprobe gives no frame rate (some WebM and raw streams): the most common rate of
     * uploads, and a safe one, since the fps filter only drops or repeats frames to reach it.
     */
    static final double UNKNOWN_FPS = 30;

    public SourceMedia {
        if (!hasVideo && !hasAudio) {
            throw new IllegalArgumentException("a source needs a video or an audio stream");
        }
        if (hasVideo && (width <= 0 || height <= 0)) {
            throw new IllegalArgumentException("a video source needs a picture size, not " + width + "x" + height);
        }
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("a source needs a duration, not " + durationSeconds);
        }
        rotationDegrees = Math.floorMod(rotationDegrees, 360);
    }

    /** A probed upload, turned as its probe found. */
    public static SourceMedia of(ProbeReport report) {
        return of(report, report.rotationDegrees());
    }

    /** A probed upload, turned by {@code rotationDegrees} when shown. */
    public static SourceMedia of(ProbeReport report, int rotationDegrees) {
        if (report.isRejected()) {
            throw new IllegalArgumentException("a rejected upload cannot be planned: "
                    + report.reason().orElse("no reason"));
        }
        boolean hasVideo = report.videoCodec().isPresent();
        // The container's overall rate, audio included: ProbeReport keeps no per-stream bitrate, and
        // PeerTube's getVideoStreamBitrate also takes the container's bit_rate before the stream's.
        long bitrate = report.durationSeconds() > 0
                ? Math.round(report.sizeBytes() * 8 / report.durationSeconds())
                : 0;
        return new SourceMedia(report.width(), report.height(), rotationDegrees,
                hasVideo ? report.fps() : 0, report.durationSeconds(), hasVideo, report.audioCodec().isPresent(),
                bitrate);
    }

    /** Width as a viewer sees it, after the rotation. */
    public int displayWidth() {
        return quarterTurn() ? height : width;
    }

    /** Height as a viewer sees it, after the rotation. */
    public int displayHeight() {
        return quarterTurn() ? width : height;
    }

    /** The frame rate to plan from, snapped to a nominal rate; unknown rates count as {@value #UNKNOWN_FPS}. */
    public FrameRate frameRate() {
        return FrameRate.of(fps > 0 ? fps : UNKNOWN_FPS);
    }

    private boolean quarterTurn() {
        return rotationDegrees == 90 || rotationDegrees == 270;
    }
}
