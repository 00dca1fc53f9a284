package org.nuage.localstack.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function packaged for Lambda's {@code provided.al2023} runtime by {@code infra/custom-runtime/package}:
 * its {@code function-al2023.zip}, unpacked as Lambda unpacks it into {@code /var/task}, and started by the
 * zip's own {@code bootstrap} on the zip's own jlinked JDK.
 */
public final class CustomRuntime {

    /** The bootstrap's variable that chooses what the JVM does with the zip's AOT cache. */
    static final String AOT_MODE = "NUAGE_AOT_MODE";

    /** Where a training run ({@link AotMode#RECORD}) writes, and a creation reads, the recording. */
    static final String AOT_CONFIGURATION = "NUAGE_AOT_CONFIGURATION";

    /** What the bootstrap does with the zip's {@code function.aot}, as its NUAGE_AOT_MODE says. */
    public enum AotMode {
        /** As on Lambda: the cache when the zip holds one and the JVM accepts it, else a plain start. */
        AUTO(""),
        /** The cache or no start at all: the JVM exits when it cannot use it. */
        ON("on"),
        /** A plain start, to measure what the cache saves. */
        OFF("off"),
        /** A training run, recording to {@link #configurationFor(Path)}. */
        RECORD("record");

        final String value;

        AotMode(String value) {
            this.value = value;
        }
    }

    private CustomRuntime() {
    }

    /** The custom-runtime zip of {@code function} in the repository at {@code home}. */
    public static Path zip(Path home, String function) {
        return home.resolve("functions").resolve(function).resolve("target").resolve("function-al2023.zip");
    }

    /**
     * Unpacks {@code zip} into {@code dir} with {@code unzip}, which keeps the executable bits of
     * {@code bootstrap} and {@code jdk/bin/*} and each entry's modification time, as the AOT cache needs.
     */
    public static Path unpack(Path zip, Path dir) {
        run(List.of("unzip", "-q", "-o", zip.toString(), "-d", dir.toString()), Map.of());
        if (!Files.isExecutable(dir.resolve("bootstrap"))) {
            throw new IllegalStateException(zip + " holds no executable bootstrap");
        }
        return dir;
    }

    /**
     * The function {@code managed} describes, started from the custom runtime unpacked at {@code root}
     * instead: same name, environment, memory and timeout, one instance.
     */
    public static FunctionSpec spec(FunctionSpec managed, Path root, AotMode mode) {
        Map<String, String> environment = new HashMap<>(managed.environment());
        if (mode != AotMode.AUTO) {
            environment.put(AOT_MODE, mode.value);
        }
        if (mode == AotMode.RECORD) {
            environment.put(AOT_CONFIGURATION, configurationFor(root).toString());
        }
        return new FunctionSpec(managed.name(), List.of(root), managed.handler(), environment, managed.memoryMb(),
                managed.timeout(), 1, List.of(), root, Optional.of(root.resolve("bootstrap")));
    }

    /** The recording of a training run from {@code root}: next to it, so that the layout stays the zip's. */
    public static Path configurationFor(Path root) {
        return root.resolveSibling(root.getFileName() + ".aotconf");
    }

    /**
     * Runs the bootstrap at {@code root} once in create mode: the recording becomes {@code function.aot}
     * next to it, made by the same JVM with the same flags and class path as the runs that will use it.
     */
    static Path createCache(Path root, int memoryMb) {
        Path cache = root.resolve("function.aot");
        run(List.of(root.resolve("bootstrap").toString()), Map.of(AOT_MODE, "create",
                AOT_CONFIGURATION, configurationFor(root).toString(),
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb)));
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("the bootstrap at " + root + " created no " + cache);
        }
        return cache;
    }

    /** Adds {@code file} to the top of {@code zip}, replacing an entry of the same name. */
    static void addToZip(Path zip, Path file) {
        // TZ as the package script sets it, so that the entry's DOS time says the same as its UTC one.
        run(List.of("zip", "-q", "-j", zip.toString(), file.toString()), Map.of("TZ", "UTC"));
    }

    private static void run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("TZ", "UTC");
            builder.environment().putAll(environment);
            Process process = builder.start();
            // Read to the end, which is the process's exit: unzip, zip and a cache's creation take seconds.
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
