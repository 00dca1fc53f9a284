package org.nuage.core.federation.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * What the table remembers of one domain: its consecutive failures and, once its breaker has
 * opened, until when no POST is sent there (a cool-down, or the window of a probe in flight).
 */
public record BreakerState(int failures, Optional<Instant> openUntil) {

    /** A domain with no failure on record. */
    public static final BreakerState CLOSED = new BreakerState(0, Optional.empty());
}
