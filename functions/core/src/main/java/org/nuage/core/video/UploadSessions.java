package org.nuage.core.video;

import java.util.Optional;

/**
 * Port: the state of resumable uploads, shared by every function instance. Each change is one
 * conditional write on the version, so two requests for the same upload cannot both win.
 */
public interface UploadSessions {

    /** Stores a new upload; its id is fresh, so this never replaces one. */
    void create(ResumableUpload upload);

    /**
     * The upload, or empty when there is none. An expired one may still be returned (DynamoDB deletes
     * expired items only eventually): the caller checks {@link ResumableUpload#expiresAt()}.
     */
    Optional<ResumableUpload> find(String id);

    /** Stores {@code next} if the stored version is still {@code expectedVersion}; false if another request got there first. */
    boolean replace(ResumableUpload next, long expectedVersion);

    /** Deletes the upload if its stored version is still {@code upload.version()}; false otherwise. */
    boolean delete(ResumableUpload upload);
}
