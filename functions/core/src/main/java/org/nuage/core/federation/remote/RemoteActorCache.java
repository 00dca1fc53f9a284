package org.nuage.core.federation.remote;

import java.time.Instant;
import java.util.Optional;

/** Port: remote actors as last fetched, so a busy inbox does not fetch a sender's key for each request. */
public interface RemoteActorCache {

    /** A cached actor and when it was fetched. */
    record Cached(RemoteActor actor, Instant fetchedAt) {
    }

    Optional<Cached> find(String actorId);

    void save(RemoteActor actor, Instant fetchedAt);
}
