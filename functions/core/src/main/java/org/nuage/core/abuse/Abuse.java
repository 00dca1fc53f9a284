package org.nuage.core.abuse;

import java.time.Instant;

/**
 * A report that something of ours breaks the rules, as another server's {@code Flag} brings it:
 * one per flagged object, as PeerTube makes one abuse per object a Flag names.
 *
 * @param id ours, derived from the Flag's id and the object, so the same Flag applied twice is one report
 * @param reporter the reporting actor's URL
 * @param reporterHandle {@code name@host}, as PeerTube shows accounts
 * @param target what is reported: a video, a comment or an account of ours
 * @param reason the report's text, as plain text
 */
public record Abuse(String id, String flagId, String reporter, String reporterHandle, Target target, String reason,
        Instant createdAt) {

    /** The kinds of things PeerTube lets a report name. */
    public enum Kind { VIDEO, COMMENT, ACCOUNT }

    /**
     * @param ref the video's uuid, the comment's url or the account's name
     * @param videoUuid the video, for a video or a comment
     */
    public record Target(Kind kind, String ref, String videoUuid) {
    }
}
