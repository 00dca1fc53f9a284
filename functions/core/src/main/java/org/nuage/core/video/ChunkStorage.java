package org.nuage.core.video;

import java.util.List;

/**
 * Port: assembling an original in the originals bucket from chunks that pass through the API, for
 * clients that speak PeerTube's resumable protocol. Chunks too small for an S3 part are held as
 * private objects and streamed into the next part, so a function never keeps more than one chunk
 * in memory.
 */
public interface ChunkStorage {

    /** Stores {@code chunk} as the private object {@code key} (outside the prefix that wakes the transcoder). */
    void hold(String key, byte[] chunk);

    /**
     * Uploads part {@code partNumber} of the multipart upload {@code uploadId} of {@code key}: the
     * bytes of the {@code held} objects in order, then {@code chunk}, streamed from S3 as they are sent.
     */
    MultipartStorage.Part uploadPart(String key, String uploadId, int partNumber, List<ResumableUpload.Held> held,
            byte[] chunk);

    /** True when the object exists (a completed multipart upload, for instance). */
    boolean exists(String key);

    /** Deletes the objects; absent ones are no error. */
    void delete(List<String> keys);

    /** Deletes every object under {@code prefix}; absent objects are no error. */
    void deleteUnder(String prefix);
}
