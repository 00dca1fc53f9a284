package org.nuage.core.federation.delivery;

import java.time.Duration;

/**
 * When a domain's circuit breaker opens and for how long.
 *
 * @param failureThreshold consecutive failed POSTs (5xx, 408, 429, timeouts, refused connections)
 *     that open the breaker
 * @param coolDown how long no POST goes to the domain once open; then one probe is let through
 * @param probeWindow how long the other workers keep waiting while a probe is in flight: longer
 *     than a POST may take, so a probe whose worker died is replaced by another one afterwards
 * @param forgetAfter how long a domain's failures are remembered after its last one (the item's TTL)
 */
public record BreakerPolicy(int failureThreshold, Duration coolDown, Duration probeWindow, Duration forgetAfter) {

    /**
     * Mastodon's delivery worker opens its breaker (the Stoplight gem, per inbox) after 10 failures
     * and cools off for 60 s; we count per domain, with the same figures. The probe window is six
     * times the 10 s a POST may take at most; a day without failures forgets a domain's count.
     */
    public static final BreakerPolicy DEFAULT = new BreakerPolicy(10, Duration.ofSeconds(60), Duration.ofSeconds(60),
            Duration.ofDays(1));

    public BreakerPolicy {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("the failure threshold must be at least 1, was " + failureThreshold);
        }
        if (coolDown.isNegative() || coolDown.isZero() || probeWindow.isNegative() || probeWindow.isZero()
                || forgetAfter.compareTo(coolDown) < 0) {
            throw new IllegalArgumentException("cool-down and probe window must be positive, and failures remembered "
                    + "at least as long as the cool-down");
        }
    }
}
