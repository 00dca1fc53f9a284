package org.nuage.core.federation.follow;

import java.util.List;
import java.util.Optional;

/** Port: Follows of our actors waiting for an administrator's decision. */
public interface FollowRequests {

    /** Records the request; asking again replaces it (a new Follow id). */
    void add(FollowRequest request);

    Optional<FollowRequest> find(String target, String actor);

    /** The requests for {@code target}, oldest first. */
    List<FollowRequest> of(String target);

    void remove(String target, String actor);
}
