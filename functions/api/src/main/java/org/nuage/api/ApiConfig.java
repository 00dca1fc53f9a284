package org.nuage.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The api function's own settings (NUAGE_API_*). */
@ConfigMapping(prefix = "nuage.api")
public interface ApiConfig {

    /** Video bytes a new user may store; PeerTube's default is unlimited, ours a lambda-friendly 10 GiB. */
    @WithDefault("10737418240")
    long defaultVideoQuotaBytes();

    /**
     * When set, the administrator {@code root} is created with this password the first time someone
     * signs in as root, if it does not exist yet (./local-stack/run does that at its first start).
     */
    Optional<String> rootPassword();

    /** bcrypt cost; lower only in tests. */
    @WithDefault("12")
    int bcryptCost();
}
