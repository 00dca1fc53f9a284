package org.nuage.aws.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How Nuage talks to other servers (NUAGE_FEDERATION_ALLOW_LOOPBACK, NUAGE_FEDERATION_BREAKER_FAILURES, ...). */
@ConfigMapping(prefix = "nuage.federation")
public interface FederationConfig {

    /**
     * Whether requests to loopback addresses are allowed: only where every instance lives on one
     * machine (the local runner, tests). Private and link-local addresses are never allowed.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /**
     * How other servers are reached by a name alone (WebFinger of {@code name@host}): https, as
     * PeerTube does; http only where the peers are plain-HTTP test servers on loopback, as PeerTube
     * does in its test mode.
     */
    @WithDefault("https")
    String remoteScheme();

    /**
     * How many items of a newly followed server's outbox are read to fill the remote video index
     * (PeerTube crawls the whole outbox; a function invocation has a minute).
     */
    @WithDefault("100")
    int backfillMaxItems();

    /**
     * How long views of a video are gathered before its followers get one {@code Update} with its
     * views count: PeerTube's {@code views.videos.local_buffer_update_interval}, whose default is
     * 30 minutes. A busy video sends at most one update per interval, an idle one none.
     */
    @WithDefault("30m")
    Duration viewsInterval();

    /** The circuit breaker each receiving domain has (see {@code BreakerPolicy} for where the defaults come from). */
    Breaker breaker();

    /** When deliveries to a domain stop for a while. */
    interface Breaker {

        /** Consecutive failed POSTs (5xx, 408, 429, timeouts, refused connections) that open the breaker. */
        @WithDefault("10")
        int failures();

        /** How long nothing is sent to the domain before one probe is let through. */
        @WithDefault("60s")
        Duration coolDown();

        /** How long the other deliveries wait for a probe in flight before another one is tried. */
        @WithDefault("60s")
        Duration probeWindow();

        /** How long a domain's failures are remembered after the last one. */
        @WithDefault("24h")
        Duration forgetAfter();
    }
}
