package org.nuage.core.federation.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: the per-domain breaker states shared by every delivery worker. Many function instances
 * update one domain at once, so each change is a single conditional write.
 */
public interface BreakerStates {

    /** The domain's state as of {@code now}; {@link BreakerState#CLOSED} when none is stored or it expired. */
    BreakerState read(String domain, Instant now);

    /**
     * Counts one more consecutive failure, starting from zero when the stored state expired before
     * {@code now}, and keeps the state until {@code expiresAt}; returns the new count.
     */
    int addFailure(String domain, Instant now, Instant expiresAt);

    /**
     * Sets the time the domain stays open until, only if it is still {@code expected} (empty: the
     * breaker is not open); false when another worker changed it first.
     */
    boolean open(String domain, Optional<Instant> expected, Instant openUntil, Instant expiresAt);

    /** Forgets the domain's failures: the breaker is closed. */
    void close(String domain);
}
