package org.nuage.core.federation.index;

import java.util.Optional;
import java.util.stream.Stream;

/** Port: the remote video index, keyed by each video's ActivityPub id. */
public interface RemoteVideos {

    /** Records or replaces the video. */
    void save(RemoteVideo video);

    Optional<RemoteVideo> find(String id);

    void delete(String id);

    /** Public remote videos, newest published first, read page by page as the stream is consumed. */
    Stream<RemoteVideo> publicVideos();
}
