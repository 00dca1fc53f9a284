package org.nuage.aws.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The instance's clock (NUAGE_CLOCK_SPEED, NUAGE_CLOCK_ORIGIN): real time, except in the local
 * runner's tests that live through days of delivery retries in minutes.
 */
@ConfigMapping(prefix = "nuage.clock")
public interface ClockConfig {

    /**
     * Simulated seconds per real second; 1 is real time. Above 1, honoured only together with
     * {@code nuage.federation.allow-loopback}, which only the local runner sets: a deployed
     * instance on a fast clock would sign dates that every peer refuses.
     */
    @WithDefault("1")
    double speed();

    /** The real instant (ISO-8601) from which a fast clock runs ahead; all functions must share it. */
    Optional<String> origin();
}
