package org.nuage.localstack.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.nuage.core.stack.StackDefinition;

/**
 * Trains the JDK AOT cache inside custom-runtime zips ({@code infra/custom-runtime/package} runs it).
 * A cache only fits the JVM and the jars that made it, so it is trained on the zip itself: unpacked into
 * a fresh directory, the function runs from its own {@code bootstrap} on its own jlinked JDK in record
 * mode, under the runner's Runtime API, while {@link Workload} sends it its typical first events (as in
 * {@link AotTraining}); the bootstrap then creates {@code function.aot} from the recording, which goes
 * into the zip.
 *
 * <p>The JVM accepts that cache wherever the zip is unpacked next, {@code /var/task} on Lambda, because
 * it matches the jars by their paths relative to the JDK's (JDK 20 and later) and the zip gives every
 * jar a fixed size and modification time.
 */
public final class CustomRuntimeTraining {

    /** How many of the training function's last output lines to show when its training fails. */
    private static final int TAIL = 60;

    private CustomRuntimeTraining() {
    }

    /** Arguments: the repository, then the functions whose zips to train (api, inbox, delivery, transcoder). */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: CustomRuntimeTraining <repository> <function>...");
        }
        train(Path.of(args[0]).toAbsolutePath().normalize(), Arrays.asList(args).subList(1, args.length));
    }

    /**
     * Trains the caches of the {@code functions}' zips and puts each into its zip, replacing any older one.
     * The functions train together, on one local stack and one run of their workloads.
     */
    public static void train(Path home, List<String> functions) throws IOException {
        long start = System.nanoTime();
        Path work = Files.createTempDirectory("nuage-al2023-aot");
        Deque<String> tail = new ArrayDeque<>();
        try {
            Map<String, Path> roots = new LinkedHashMap<>();
            for (String function : functions) {
                Path zip = CustomRuntime.zip(home, function);
                if (!Files.isRegularFile(zip)) {
                    throw new IllegalStateException("no " + zip + ": run infra/custom-runtime/package " + function);
                }
                Path root = CustomRuntime.unpack(zip, work.resolve(function));
                // A cache from an earlier training would be used, not recorded, by this run.
                Files.deleteIfExists(root.resolve("function.aot"));
                roots.put(function, root);
            }
            Map<String, Integer> memory = record(home, roots, line -> {
                synchronized (tail) {
                    tail.add(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
            });
            for (var entry : roots.entrySet()) {
                String function = entry.getKey();
                Path root = entry.getValue();
                Path cache = CustomRuntime.createCache(root, memory.get(function));
                // The fixed time of every other entry (the JVM ignores the cache's own).
                Files.setLastModifiedTime(cache, Files.getLastModifiedTime(root.resolve("bootstrap")));
                CustomRuntime.addToZip(CustomRuntime.zip(home, function), cache);
                System.out.printf("[aot] %s: function.aot (%d MB) added to functions/%s/target/function-al2023.zip%n",
                        function, Files.size(cache) >> 20, function);
            }
            System.out.printf("[aot] trained %d custom-runtime caches in %.1f s%n", roots.size(),
                    (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
            synchronized (tail) {
                tail.forEach(System.err::println);
            }
            throw e;
        } finally {
            deleteQuietly(work);
        }
    }

    /**
     * Runs the workloads against the functions in record mode, each from its root; returns their memory
     * sizes, which the caches' heaps follow.
     */
    private static Map<String, Integer> record(Path home, Map<String, Path> roots, Consumer<String> log)
            throws IOException {
        int port = AotTraining.freePort();
        LocalNuage.Settings settings = new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 1,
                StackDefinition.withVisibility("nuage", 60, 120, 3), LocalNuage.Aot.USE, Optional.empty());
        Map<String, Integer> memory = new LinkedHashMap<>();
        try (LocalNuage nuage = LocalNuage.start(settings, log, spec -> roots.containsKey(spec.name())
                ? CustomRuntime.spec(spec, roots.get(spec.name()), CustomRuntime.AotMode.RECORD) : spec)) {
            Workload workload = new Workload(nuage, roots.values().iterator().next().getParent());
            if (roots.containsKey("api")) {
                workload.api();
            }
            if (roots.containsKey("inbox") || roots.containsKey("delivery")) {
                workload.inboxAndDelivery();
            }
            if (roots.containsKey("transcoder")) {
                workload.transcoder();
            }
            for (String function : roots.keySet()) {
                FunctionSpec spec = nuage.spec(function);
                if (spec == null) {
                    throw new IllegalArgumentException("no function named " + function);
                }
                memory.put(function, spec.memoryMb());
            }
        }
        // The instances have exited (close() waits for them), so every recording is complete.
        for (var entry : roots.entrySet()) {
            if (!Files.isRegularFile(CustomRuntime.configurationFor(entry.getValue()))) {
                throw new IllegalStateException("the training run of " + entry.getKey() + " wrote no "
                        + CustomRuntime.configurationFor(entry.getValue()));
            }
        }
        return memory;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp dir is harmless.
        }
    }
}
