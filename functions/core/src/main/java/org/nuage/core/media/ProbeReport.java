package org.nuage.core.media;

import java.util.Optional;

/**
 * What probing an upload found: either a playable medium with its duration, size and codecs, or a
 * rejection with a reason a person can read.
 *
 * @param rotationDegrees the quarter turns a player applies to show the picture upright (0, 90, 180
 *     or 270), from the stream's display matrix; ffmpeg applies it itself when it decodes
 */
public record ProbeReport(Status status, Optional<String> reason, double durationSeconds, long sizeBytes,
        String container, Optional<String> videoCodec, int width, int height, double fps,
        Optional<String> audioCodec, int rotationDegrees) {

    /** A probed upload is accepted for transcoding or rejected for good. */
    public enum Status { PROBED, REJECTED }

    public static ProbeReport rejected(String reason, long sizeBytes) {
        return new ProbeReport(Status.REJECTED, Optional.of(reason), 0, sizeBytes, "", Optional.empty(), 0, 0, 0,
                Optional.empty(), 0);
    }

    public boolean isRejected() {
        return status == Status.REJECTED;
    }
}
