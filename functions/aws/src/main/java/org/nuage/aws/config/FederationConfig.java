package org.nuage.aws.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Nuage talks to other servers (NUAGE_FEDERATION_ALLOW_LOOPBACK, ...). */
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
}
