package org.nuage.infra;

import java.util.Locale;

/**
 * How the JVM functions start quickly: the two options the stack offers (see docs/deployment.md, "Deploying to
 * AWS"); the transcoder, whose work takes minutes, uses the same runtime without either trick.
 */
public enum ColdStart {

    /**
     * The default: Lambda's managed {@code java21} runtime with SnapStart, which restores a snapshot
     * of the initialized function instead of booting it. AWS patches the runtime, the snapshot costs
     * nothing extra for Java, and the build needs nothing beyond {@code function.zip}.
     */
    SNAPSTART,

    /**
     * The {@code provided.al2023} runtime with the function's own jlinked JDK 25
     * ({@code function-al2023.zip}, made by {@code infra/custom-runtime/package}: {@code bootstrap},
     * {@code jdk/}, the runtime interface client, the jars and, except for the transcoder, the AOT
     * cache {@code function.aot} trained on that zip). Faster with the cache, but we then own the
     * JDK's patches, and whether Lambda keeps the jars' times, which the cache needs, is untested.
     */
    CUSTOM_RUNTIME;

    /** {@code snapstart} or {@code custom-runtime}, as {@code cdk -c coldStart=...} takes it. */
    public static ColdStart parse(String value) {
        for (ColdStart option : values()) {
            if (option.contextValue().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return option;
            }
        }
        throw new IllegalArgumentException("coldStart must be snapstart or custom-runtime, was '" + value + "'");
    }

    public String contextValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
