package org.nuage.core.comment;

import java.util.List;
import java.util.Optional;

/** Port: the comments of our videos. */
public interface Comments {

    /** Stores the comment unless one with the same ActivityPub id exists; true when stored. */
    boolean saveIfNew(Comment comment);

    Optional<Comment> byUrl(String url);

    /** Every comment of the video still in its threads (deleted ones with replies included), oldest first. */
    List<Comment> of(String videoUuid);

    /** Replaces the stored comment (same id and url) with {@code comment}: an edit or a deletion mark. */
    void update(Comment comment);

    /**
     * Takes a deleted comment out of its video's threads; the record under its url stays, marked
     * deleted, so a late copy of its Create cannot bring it back.
     */
    void removeFromThreads(Comment comment);

    /** Every comment the remote actor wrote, on any of our videos. */
    List<Comment> byAuthor(String actor);
}
