package org.nuage.core.federation.delivery;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link BreakerStates} in a map, with the conditions and expiry the table adapter implements. */
public final class MemoryBreakerStates implements BreakerStates {

    private record Item(int failures, Optional<Instant> openUntil, Instant expiresAt) {
    }

    private final Map<String, Item> items = new HashMap<>();
    int writes;

    @Override
    public synchronized BreakerState read(String domain, Instant now) {
        Item item = items.get(domain);
        return item == null || item.expiresAt().isBefore(now) ? BreakerState.CLOSED
                : new BreakerState(item.failures(), item.openUntil());
    }

    @Override
    public synchronized int addFailure(String domain, Instant now, Instant expiresAt) {
        writes++;
        Item item = items.get(domain);
        Item next = item == null || item.expiresAt().isBefore(now) ? new Item(1, Optional.empty(), expiresAt)
                : new Item(item.failures() + 1, item.openUntil(), expiresAt);
        items.put(domain, next);
        return next.failures();
    }

    @Override
    public synchronized boolean open(String domain, Optional<Instant> expected, Instant openUntil, Instant expiresAt) {
        writes++;
        Item item = items.get(domain);
        Optional<Instant> current = item == null ? Optional.empty() : item.openUntil();
        if (!Objects.equals(current, expected)) {
            return false;
        }
        items.put(domain, new Item(item == null ? 0 : item.failures(), Optional.of(openUntil), expiresAt));
        return true;
    }

    @Override
    public synchronized void close(String domain) {
        writes++;
        items.remove(domain);
    }
}
