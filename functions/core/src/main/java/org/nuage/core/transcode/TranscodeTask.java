package org.nuage.core.transcode;

/**
 * One message of the transcode queue besides S3's upload notifications: a piece of a video's plan
 * that one invocation does alone. It names the video and the rendition only; the plan itself is
 * read from the job, so a message stays small and cannot carry keys of its own.
 *
 * @param rendition the rendition's name; empty for {@link Kind#IMAGES}
 * @param chunk the chunk's index for {@link Kind#CHUNK}, else 0
 */
public record TranscodeTask(Kind kind, String video, String rendition, int chunk) {

    /**
     * ENCODE makes a whole rendition in one run; a long video's rendition is made of CHUNKs encoded
     * in parallel, then a JOIN; IMAGES makes the thumbnail and the preview.
     */
    public enum Kind { ENCODE, CHUNK, JOIN, IMAGES }

    /** The message type that tells these apart from S3 notifications on the same queue. */
    public static final String MESSAGE_TYPE = "nuage.transcode";

    public static TranscodeTask encode(String video, String rendition) {
        return new TranscodeTask(Kind.ENCODE, video, rendition, 0);
    }

    public static TranscodeTask chunk(String video, String rendition, int chunk) {
        return new TranscodeTask(Kind.CHUNK, video, rendition, chunk);
    }

    public static TranscodeTask join(String video, String rendition) {
        return new TranscodeTask(Kind.JOIN, video, rendition, 0);
    }

    public static TranscodeTask images(String video) {
        return new TranscodeTask(Kind.IMAGES, video, "", 0);
    }

    /**
     * What this task adds to the job when it is done. ENCODE and JOIN make the same output, so they
     * share it: a rendition is done however it was made.
     */
    public String outcome() {
        return switch (kind) {
            case ENCODE, JOIN -> renditionOutcome(rendition);
            case CHUNK -> chunkOutcome(rendition, chunk);
            case IMAGES -> IMAGES_OUTCOME;
        };
    }

    static final String IMAGES_OUTCOME = "images";

    static String renditionOutcome(String rendition) {
        return "rendition:" + rendition;
    }

    static String chunkOutcome(String rendition, int chunk) {
        return "chunk:" + rendition + ":" + chunk;
    }
}
