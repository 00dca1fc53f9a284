package org.nuage.localstack.emulator;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Where the tests find {@code local-stack/} (with its node_modules), and fresh stack names. */
final class LocalStackDir {

    private LocalStackDir() {
    }

    /** Surefire sets {@code basedir} to this module; local-stack/ is its parent. */
    static Path path() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    }

    /** A resource-name prefix of its own per test class, so leftovers never collide. */
    static String uniquePrefix(String name) {
        return "t" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36) + "-" + name;
    }
}
