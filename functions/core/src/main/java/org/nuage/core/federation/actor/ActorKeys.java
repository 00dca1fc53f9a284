package org.nuage.core.federation.actor;

import java.util.Optional;

/** Port: actors' key pairs, kept in the table and nowhere else. */
public interface ActorKeys {

    Optional<ActorKeyPair> find(String actorUrl);

    /** Stores the actor's first pair; false when it already has one (another invocation won the race). */
    boolean create(String actorUrl, ActorKeyPair keys);
}
