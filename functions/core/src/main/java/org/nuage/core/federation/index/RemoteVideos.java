package org.nuage.core.federation.index;

import java.util.Optional;
import java.util.stream.Stream;

/** Port: the remote video index, keyed by each video's ActivityPub id. */
public interface RemoteVideos {

    /** Records or replaces the video. */
    void save(RemoteVideo video);

    Optional<RemoteVideo> find(String id);

    /**
     * The video with PeerTube's {@code uuid}, as clients name it in the REST API; the earliest
     * published when two servers claim the same uuid, so a later claimant cannot take it over.
     */
    Optional<RemoteVideo> findByUuid(String uuid);

    void delete(String id);

    /** Public remote videos, newest published first, read page by page as the stream is consumed. */
    Stream<RemoteVideo> publicVideos();
}
