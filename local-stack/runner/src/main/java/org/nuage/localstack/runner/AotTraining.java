package org.nuage.localstack.runner;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.nuage.core.stack.StackDefinition;

/**
 * Part of the build: trains each function's JDK 25 AOT cache. The functions run in record mode
 * against in-memory emulators while {@link Workload} sends them their typical first events; then
 * each recorded configuration is turned into a cache next to the function's jar.
 *
 * <p>The cache only fits the JDK build that made it, so on Lambda it ships with the jlinked JDK of
 * a custom runtime (see docs/deployment.md), never with the managed java21 runtime.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        if (Runtime.version().feature() < 25) {
            System.out.println("[aot] skipped: AOT caches need JDK 25 or newer, this build runs JDK "
                    + Runtime.version().feature());
            return;
        }
        long start = System.nanoTime();
        Path scratch = Files.createTempDirectory("nuage-aot");
        int port = freePort();
        LocalNuage.Settings settings = new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 1,
                StackDefinition.withVisibility("nuage", 60, 120, 3), LocalNuage.Aot.RECORD, Optional.empty());
        List<FunctionSpec> specs = new ArrayList<>();
        try (LocalNuage nuage = LocalNuage.start(settings, line -> { })) {
            Workload workload = new Workload(nuage, scratch);
            workload.api();
            workload.inboxAndDelivery();
            workload.transcoder();
            for (String name : List.of("api", "inbox", "delivery", "transcoder")) {
                specs.add(nuage.spec(name));
            }
            FunctionSpec minimal = MinimalFunction.spec(home, LocalNuage.Aot.RECORD);
            try (LambdaFunction function = new LambdaFunction(minimal, line -> { })) {
                MinimalFunction.invoke(function);
            }
            specs.add(minimal);
        }
        // The instances have exited (close() waits for them), so every configuration is written.
        for (FunctionSpec spec : specs) {
            create(spec);
        }
        System.out.printf("[aot] trained %d caches in %.1f s%n", specs.size(), (System.nanoTime() - start) / 1e9);
    }

    /** Turns the recorded configuration into the cache, with the exact classpath the runner uses. */
    private static void create(FunctionSpec spec) throws IOException, InterruptedException {
        Path jar = spec.classpath().getFirst();
        Path configuration = AotCache.configurationFor(jar);
        Path cache = AotCache.pathFor(jar);
        if (!Files.isRegularFile(configuration)) {
            throw new IllegalStateException("the training run of " + spec.name() + " wrote no " + configuration);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Module options must match the runs that use the cache, or the JVM drops its
                // optimized module handling and much of the gain with it.
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(LocalNuage.QUARKUS_JVM_OPTIONS);
        command.addAll(List.of("-XX:AOTMode=create",
                "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + cache, "-cp",
                String.join(File.pathSeparator, Stream.concat(RuntimeClasspath.jars().stream(),
                        spec.classpath().stream()).map(Path::toString).toList())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0 || !Files.isRegularFile(cache)) {
            throw new IllegalStateException("creating the AOT cache of " + spec.name() + " failed: " + command);
        }
        Files.delete(configuration);
        System.out.printf("[aot] %s: %s (%d MB)%n", spec.name(), home(cache), Files.size(cache) >> 20);
    }

    private static String home(Path cache) {
        return cache.getParent().getParent().getFileName() + "/target/" + cache.getFileName();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }


}
