package org.nuage.core.media;

import java.util.Optional;

/**
 * What probing an upload found: either a playable medium with its duration, size and codecs, or a
 * rejection with a reason a person can read.
 */
public record ProbeReport(Status status, Optional<String> reason, double durationSeconds, long sizeBytes,
        String container, Optional<String> videoCodec, int width, int height, double fps,
        Optional<String> audioCodec) {

    /** A probed upload is accepted for transcoding or rejected for good. */
    public enum Status { PROBED, REJECTED }

    public static ProbeReport rejected(String reason, long sizeBytes) {
        return new ProbeReport(Status.REJECTED, Optional.of(reason), 0, sizeBytes, "", Optional.empty(), 0, 0, 0,
                Optional.empty());
    }

    public boolean isRejected() {
        return status == Status.REJECTED;
    }
}
