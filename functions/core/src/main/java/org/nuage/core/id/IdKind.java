package org.nuage.core.id;

/**
 * The kinds of things PeerTube numbers, each with its own counter, and what names each of them
 * before it has a number.
 */
public enum IdKind {
    /** A video, ours or a remote one: its uuid. */
    VIDEO,
    /** An account: a local username, or a remote actor's URL. Our users' {@code User.id} is their account's. */
    ACCOUNT,
    /** A channel: a local channel's name, or a remote actor's URL. */
    CHANNEL,
    /** A comment: its ActivityPub id. */
    COMMENT,
    /** An abuse report: our id of it. */
    ABUSE
}
