package org.nuage.core.comment;

import java.time.Instant;
import java.util.Optional;

/**
 * A comment under one of our videos, written here or received from another server.
 *
 * @param id our short id for the API ({@code comment-threads/{id}})
 * @param url its ActivityPub id: ours for local comments, the sender's for remote ones
 * @param inReplyTo the ActivityPub id it answers: the video's, or another comment's
 * @param threadId our id of the thread's first comment (its own id for a thread's start)
 * @param author the author's actor URL
 * @param authorHandle {@code name@host}, as PeerTube shows accounts
 * @param text the comment as plain text (a remote comment's HTML reduced to its text)
 */
public record Comment(String id, String url, String videoUuid, String inReplyTo, String threadId,
        Optional<String> inReplyToCommentId, String author, String authorHandle, String text, Instant published,
        boolean local) {

    public boolean startsThread() {
        return id.equals(threadId);
    }
}
