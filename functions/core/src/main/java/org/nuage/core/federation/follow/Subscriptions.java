package org.nuage.core.federation.follow;

import java.util.List;
import java.util.Optional;

/** Port: the remote actors our actors follow, found by our Follow's id, by follower and by host. */
public interface Subscriptions {

    /** Records or replaces the subscription (kept under its Follow id). */
    void save(Subscription subscription);

    Optional<Subscription> byFollowId(String followId);

    /** What {@code follower} follows, pending or accepted, oldest first. */
    List<Subscription> of(String follower);

    /** Every subscription of ours to an actor on {@code host} ({@code host:port} for a port). */
    List<Subscription> onHost(String host);

    void remove(String followId);
}
