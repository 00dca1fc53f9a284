package org.nuage.core.federation.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A warm function's memory in front of the table's actor cache: a busy inbox checks the same few
 * senders' keys over and over, and each table read costs a round trip and a paid request. An entry
 * is kept for a few minutes at most, so a key another function re-fetched is seen soon; a key
 * rotated before that fails one signature check, which makes {@link RemoteActors#refresh} fetch the
 * actor and replace the entry here too.
 */
public final class RememberedActors implements RemoteActorCache {

    /** Long enough to spare a busy inbox almost every read, short enough for a rotation to show. */
    public static final Duration KEEP_FOR = Duration.ofMinutes(5);

    /** Senders kept; an inbox under a flood from many actors forgets the oldest first. */
    public static final int MAX_ENTRIES = 10_000;

    private record Remembered(Cached cached, Instant until) {
    }

    private final RemoteActorCache table;
    private final Clock clock;
    private final Map<String, Remembered> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public RememberedActors(RemoteActorCache table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Cached> find(String actorId) {
        Instant now = clock.instant();
        synchronized (entries) {
            Remembered remembered = entries.get(actorId);
            if (remembered != null && now.isBefore(remembered.until())) {
                return Optional.of(remembered.cached());
            }
        }
        Optional<Cached> found = table.find(actorId);
        found.ifPresent(cached -> remember(actorId, cached, now));
        return found;
    }

    @Override
    public void save(RemoteActor actor, Instant fetchedAt) {
        table.save(actor, fetchedAt);
        remember(actor.id(), new Cached(actor, fetchedAt), clock.instant());
    }

    private void remember(String actorId, Cached cached, Instant now) {
        synchronized (entries) {
            entries.put(actorId, new Remembered(cached, now.plus(KEEP_FOR)));
        }
    }
}
