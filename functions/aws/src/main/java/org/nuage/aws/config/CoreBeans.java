package org.nuage.aws.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import org.nuage.core.time.SimulatedClock;

/** CDI producers for the plain-Java collaborators core's services take. */
public class CoreBeans {

    @Produces
    @ApplicationScoped
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
}
