package org.nuage.localstack.runner;

import java.nio.file.Path;

/**
 * Where a function's JDK AOT cache lives: next to its jar, so a rebuild (which replaces the jar)
 * and a stale cache are easy to tell apart; the JVM itself refuses a cache whose jars changed.
 */
public final class AotCache {

    private AotCache() {
    }

    /** The cache of the function packaged as {@code runnerJar}. */
    public static Path pathFor(Path runnerJar) {
        return runnerJar.resolveSibling(stem(runnerJar) + ".aot");
    }

    /** The training run's record of loaded classes and profiles, input to the cache's creation. */
    public static Path configurationFor(Path runnerJar) {
        return runnerJar.resolveSibling(stem(runnerJar) + ".aotconf");
    }

    private static String stem(Path jar) {
        String name = jar.getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }
}
