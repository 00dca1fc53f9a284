package org.nuage.aws.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;

/** How the instance presents itself (NUAGE_INSTANCE_NAME, NUAGE_INSTANCE_PUBLIC_URL, ...). */
@ConfigMapping(prefix = "nuage.instance")
public interface InstanceConfig {

    /** Shown in page titles, NodeInfo and the config API. */
    @WithDefault("Nuage")
    String name();

    /** One line about the instance. */
    @WithDefault("A Nuage video platform")
    String shortDescription();

    /** The public base URL, without a trailing slash; every federated id starts with it. */
    @WithDefault("http://127.0.0.1:8080")
    URI publicUrl();

    /** Whether anyone may create an account. */
    @WithDefault("false")
    boolean openRegistrations();
}
