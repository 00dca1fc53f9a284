package org.nuage.core.video;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Port: S3 multipart uploads of originals, driven by the API while the bytes go from the client
 * straight to the store through presigned part URLs (a function never carries them: Lambda takes
 * at most 6 MB per request).
 */
public interface MultipartStorage {

    /** A part the store holds: its number, ETag and size. */
    record Part(int number, String etag, long size) {
    }

    /** Starts a multipart upload of {@code key} in the originals bucket; returns the store's upload id. */
    String start(String key, String contentType);

    /**
     * A URL that uploads part {@code partNumber} of exactly {@code length} bytes: the length is
     * signed, so the store refuses a larger body (the quota counted the declared size).
     */
    URI presignPart(String key, String uploadId, int partNumber, long length, Duration validity);

    /** The parts received so far, so a client can resume after a cut or a reload. */
    List<Part> parts(String key, String uploadId);

    void complete(String key, String uploadId, List<Part> parts);

    void abort(String key, String uploadId);
}
