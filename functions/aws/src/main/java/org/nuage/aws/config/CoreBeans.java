package org.nuage.aws.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.nuage.core.id.IdSequence;
import org.nuage.core.id.NumericIds;
import org.nuage.core.time.SimulatedClock;

/** CDI producers for the plain-Java collaborators core's services take. */
public class CoreBeans {

    /**
     * A singleton, not application-scoped: beans then get the clock itself rather than a client
     * proxy, so the SQS adapter can tell a simulated clock and shorten its delays.
     */
    @Produces
    @Singleton
    Clock clock(ClockConfig config, FederationConfig federation) {
        if (config.speed() == 1) {
            return Clock.systemUTC();
        }
        if (!federation.allowLoopback()) {
            throw new IllegalStateException("nuage.clock.speed is a local test setting: it needs "
                    + "nuage.federation.allow-loopback=true, which only the local runner sets");
        }
        Instant origin = Instant.parse(config.origin().orElseThrow(() -> new IllegalStateException(
                "nuage.clock.speed needs nuage.clock.origin, the same instant for every function")));
        return new SimulatedClock(origin, config.speed(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    NumericIds numericIds(IdSequence sequence) {
        return new NumericIds(sequence);
    }
}
