package org.nuage.core.federation.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A circuit breaker per receiving domain: after a run of failed POSTs to a domain, nothing is sent
 * there until a cool-down has passed; then a single probe goes through, and its success closes the
 * breaker while its failure opens it for another cool-down. The state lives in the table, so every
 * function instance sees the same breaker.
 */
public final class DomainBreaker {

    private static final Logger LOG = Logger.getLogger(DomainBreaker.class.getName());

    /** May a delivery POST now: {@code go} (as the probe, when {@code probe}), else wait until {@code until}. */
    public record Permit(boolean go, boolean probe, Instant until, BreakerState seen) {

        static Permit go(BreakerState seen) {
            return new Permit(true, false, null, seen);
        }
    }

    private final BreakerStates states;
    private final BreakerPolicy policy;
    private final Clock clock;

    public DomainBreaker(BreakerStates states, BreakerPolicy policy, Clock clock) {
        this.states = states;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The breaker's key for an inbox: its host with the port when one is given, since two servers
     * on one host (as on loopback) are two peers.
     */
    public static String domainOf(URI inbox) {
        String host = inbox.getHost() == null ? "" : inbox.getHost().toLowerCase(Locale.ROOT);
        return inbox.getPort() == -1 ? host : host + ":" + inbox.getPort();
    }

    /** Whether a POST to {@code domain} may go now; claims the probe when the cool-down is over. */
    public Permit permit(String domain) {
        Instant now = clock.instant();
        BreakerState state = states.read(domain, now);
        if (state.openUntil().isEmpty()) {
            return Permit.go(state);
        }
        Instant openUntil = state.openUntil().get();
        if (now.isBefore(openUntil)) {
            return new Permit(false, false, openUntil, state);
        }
        // Cool-down over: whoever moves openUntil forward first sends the probe; the others wait for it.
        Instant probeEnds = now.plus(policy.probeWindow());
        if (states.open(domain, state.openUntil(), probeEnds, expiry(probeEnds))) {
            LOG.info(() -> "breaker for " + domain + " half-open: probing");
            return new Permit(true, true, probeEnds, new BreakerState(state.failures(), Optional.of(probeEnds)));
        }
        return new Permit(false, false, probeEnds, state);
    }

    /** The domain answered (2xx, or a 4xx that says it is up): a breaker with failures on record closes. */
    public void succeeded(String domain, Permit permit) {
        if (permit.probe() || permit.seen().failures() > 0) {
            states.close(domain);
            if (permit.probe()) {
                LOG.info(() -> "breaker for " + domain + " closed: the probe went through");
            }
        }
    }

    /** A POST to the domain failed in a way that may pass: counted, and the breaker opens at the threshold. */
    public void failed(String domain, Permit permit) {
        Instant now = clock.instant();
        Instant until = now.plus(policy.coolDown());
        int failures = states.addFailure(domain, now, expiry(until));
        if (permit.probe()) {
            // The probe failed: another cool-down, unless another worker already moved the breaker on.
            states.open(domain, permit.seen().openUntil(), until, expiry(until));
            LOG.info(() -> "breaker for " + domain + " stays open until " + until + ": the probe failed");
        } else if (failures >= policy.failureThreshold() && states.open(domain, Optional.empty(), until, expiry(until))) {
            LOG.warning(() -> "breaker for " + domain + " open until " + until + " after " + failures
                    + " consecutive failures");
        }
    }

    private Instant expiry(Instant openUntil) {
        return openUntil.plus(policy.forgetAfter());
    }
}
