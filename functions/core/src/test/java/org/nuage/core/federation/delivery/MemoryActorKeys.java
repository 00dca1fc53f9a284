package org.nuage.core.federation.delivery;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nuage.core.federation.actor.ActorKeyPair;
import org.nuage.core.federation.actor.ActorKeys;

/** Actors' key pairs in a map: the table's part as the outbound worker sees it. */
final class MemoryActorKeys implements ActorKeys {

    final Map<String, ActorKeyPair> pairs = new ConcurrentHashMap<>();

    @Override
    public Optional<ActorKeyPair> find(String actorUrl) {
        return Optional.ofNullable(pairs.get(actorUrl));
    }

    @Override
    public boolean create(String actorUrl, ActorKeyPair keys) {
        return pairs.putIfAbsent(actorUrl, keys) == null;
    }
}
