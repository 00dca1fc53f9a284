package org.nuage.core.video;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A local video: what its owner said about it, and where it is on the way to being published.
 *
 * @param numericId PeerTube's number of it, kept on its item; 0 while it has none there (a video
 *     stored before numbers, or whose item was rewritten from a copy read before it had one)
 */
public record Video(String uuid, String owner, String channel, VideoMetadata metadata, State state,
        Optional<String> failureReason, long declaredSizeBytes, Optional<String> multipartUploadId, Instant createdAt,
        long numericId) {

    /** A video not numbered yet. */
    public Video(String uuid, String owner, String channel, VideoMetadata metadata, State state,
            Optional<String> failureReason, long declaredSizeBytes, Optional<String> multipartUploadId,
            Instant createdAt) {
        this(uuid, owner, channel, metadata, state, failureReason, declaredSizeBytes, multipartUploadId, createdAt, 0);
    }

    /** Uploading until the client completes; the transcoder then probes, transcodes and publishes. */
    public enum State { UPLOADING, TRANSCODING, PUBLISHED, FAILED }

    /** Who may see a video, as PeerTube names it. */
    public enum Privacy { PUBLIC, UNLISTED, PRIVATE }

    /** The video in a new state; leaving UPLOADING ends its multipart upload. */
    public Video withState(State newState, Optional<String> reason) {
        return new Video(uuid, owner, channel, metadata, newState, reason, declaredSizeBytes,
                newState == State.UPLOADING ? multipartUploadId : Optional.empty(), createdAt, numericId);
    }

    /** The video with what its owner edited. */
    public Video withMetadata(VideoMetadata edited) {
        return new Video(uuid, owner, channel, edited, state, failureReason, declaredSizeBytes, multipartUploadId,
                createdAt, numericId);
    }

    /** The originals object of this video: keys come from ids only, never from a file name. */
    public String originalKey() {
        return originalKey(uuid);
    }

    public static String originalKey(String uuid) {
        return "uploads/" + uuid;
    }

    /** Everything a person may set on a video. */
    public record VideoMetadata(String name, String description, Privacy privacy, List<String> tags,
            Optional<Integer> category, Optional<Integer> licence, Optional<String> language, boolean nsfw,
            boolean commentsEnabled, boolean downloadEnabled) {
    }
}
