package org.nuage.core.comment;

import java.util.List;
import java.util.Optional;

/** Port: the comments of our videos. */
public interface Comments {

    /** Stores the comment unless one with the same ActivityPub id exists; true when stored. */
    boolean saveIfNew(Comment comment);

    Optional<Comment> byUrl(String url);

    /** Every comment of the video, oldest first. */
    List<Comment> of(String videoUuid);
}
