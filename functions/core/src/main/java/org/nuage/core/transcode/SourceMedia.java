package org.nuage.core.transcode;

import com.fasterxml.jackson.databind.JsonNode;
import org.nuage.core.json.Json;
import org.nuage.core.media.ProbeReport;

/**
 * What the planner needs to know about an upload: its picture as stored, the quarter turns a player
 * applies to show it, its frame rate, duration, streams and overall bitrate.
 *
 * <p>{@link ProbeReport} has no rotation, so it is a separate argument here; {@link #rotationOf}
 * reads it from ffprobe's JSON.
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

    /** A probed upload that is shown as stored ({@code rotationDegrees} 0). */
    public static SourceMedia of(ProbeReport report) {
        return of(report, 0);
    }

    /** A probed upload, turned by {@code rotationDegrees} when shown (from {@link #rotationOf}). */
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

    /**
     * The rotation of the first video stream that is not cover art, from ffprobe's
     * {@code -show_streams} JSON: the display matrix side data (ffmpeg 5 and later) or the older
     * {@code rotate} tag. Its sign differs between ffmpeg versions; only whether it is a quarter turn
     * matters here, because ffmpeg turns the picture itself when it decodes.
     */
    public static int rotationOf(String ffprobeJson) {
        for (JsonNode stream : Json.tree(ffprobeJson).path("streams")) {
            if (!"video".equals(stream.path("codec_type").asText())
                    || stream.path("disposition").path("attached_pic").asInt(0) == 1) {
                continue;
            }
            for (JsonNode sideData : stream.path("side_data_list")) {
                if (sideData.has("rotation")) {
                    return Math.floorMod(Math.round(sideData.path("rotation").asDouble()), 360);
                }
            }
            return Math.floorMod(stream.path("tags").path("rotate").asInt(0), 360);
        }
        return 0;
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
