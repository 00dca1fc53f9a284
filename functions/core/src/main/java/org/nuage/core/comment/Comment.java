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
 * @param deletedAt when its author deleted it: a deleted comment with replies stays in its thread
 *     without text or author, as PeerTube shows it
 */
public record Comment(String id, String url, String videoUuid, String inReplyTo, String threadId,
        Optional<String> inReplyToCommentId, String author, String authorHandle, String text, Instant published,
        boolean local, Optional<Instant> deletedAt) {

    public Comment {
        // Comments stored before deletion existed have no such field.
        deletedAt = deletedAt == null ? Optional.empty() : deletedAt;
    }

    public boolean startsThread() {
        return id.equals(threadId);
    }

    public boolean deleted() {
        return deletedAt.isPresent();
    }

    /** The comment with its text replaced, as its author edited it. */
    public Comment withText(String newText) {
        return new Comment(id, url, videoUuid, inReplyTo, threadId, inReplyToCommentId, author, authorHandle, newText,
                published, local, deletedAt);
    }

    /** The comment as it stays once deleted: no text left. */
    public Comment deletedAt(Instant at) {
        return new Comment(id, url, videoUuid, inReplyTo, threadId, inReplyToCommentId, author, authorHandle, "",
                published, local, Optional.of(at));
    }
}
