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
}
