package org.nuage.localstack.runner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nuage.core.stack.StackDefinition;
import org.nuage.localstack.emulator.AwsClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The README's start-up figures, measured by the runner itself:
 * <ol>
 * <li>{@code ./local-stack/run} to ready, build excluded (the script is started with
 * NUAGE_SKIP_BUILD=1 and timed until it prints that it is ready);</li>
 * <li>each function's cold start, JVM start to first event answered, side by side with the
 * minimal Quarkus lambda-http function, with Lambda's JVM flags and then also with the AOT cache
 * the build trained. Every sample is a fresh JVM given its typical first event.</li>
 * </ol>
 * Run: {@code java -cp <runner classpath> org.nuage.localstack.runner.ColdStartBenchmark [home] [runs] [functions]};
 * naming functions (comma-separated, e.g. {@code minimal,api}) measures only their cold starts without
 * the AOT cache, to compare a change to one function quickly. {@code custom-runtime} instead of functions
 * measures the functions whose custom-runtime zip ({@code infra/custom-runtime/package}) holds a cache, each
 * unpacked once and started by its bootstrap without ({@code NUAGE_AOT_MODE=off}) and with
 * ({@code on}) the zip's cache.
 */
public final class ColdStartBenchmark {

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("cores: %d, JDK %s, %d runs each%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), runs);
        if (args.length > 2 && args[2].equals("custom-runtime")) {
            customRuntimeColdStarts(home, runs);
            return;
        }
        if (args.length > 2) {
            coldStarts(home, runs, java.util.Set.of(args[2].split(",")), List.of(LocalNuage.Aot.OFF), Map.of());
            return;
        }
        readyTime(home, runs);
        coldStarts(home, runs, null, List.of(LocalNuage.Aot.OFF, LocalNuage.Aot.USE), Map.of());
    }

    /** Each custom-runtime zip unpacked once, then started by its bootstrap without and with its cache. */
    private static void customRuntimeColdStarts(Path home, int runs) throws Exception {
        Map<String, Path> roots = new LinkedHashMap<>();
        Path unpacked = Files.createTempDirectory("nuage-bench-al2023");
        for (String function : List.of("api", "inbox", "delivery", "transcoder")) {
            Path zip = CustomRuntime.zip(home, function);
            // The transcoder's zip holds no cache (see infra/custom-runtime/package): nothing to compare.
            if (Files.isRegularFile(zip)) {
                Path root = CustomRuntime.unpack(zip, unpacked.resolve(function));
                if (Files.isRegularFile(root.resolve("function.aot"))) {
                    roots.put(function, root);
                }
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no custom-runtime zip with a cache: run infra/custom-runtime/package api");
        }
        coldStarts(home, runs, roots.keySet(), List.of(LocalNuage.Aot.OFF, LocalNuage.Aot.USE), roots);
    }

    private static void readyTime(Path home, int runs) throws Exception {
        List<Double> fresh = new ArrayList<>();
        List<Double> existing = new ArrayList<>();
        Path data = Files.createTempDirectory("nuage-bench-data");
        for (int i = 0; i < runs; i++) {
            // The first start creates the buckets, queues and table; later ones find them on disk.
            (i == 0 ? fresh : existing).add(startRunScript(home, data));
        }
        System.out.println("./local-stack/run to ready (build excluded, NUAGE_SKIP_BUILD=1)");
        System.out.printf("  first start, empty data folder: %.2f s%n", fresh.getFirst());
        if (!existing.isEmpty()) {
            System.out.printf("  restart on existing data: median %.2f s (min %.2f, max %.2f)%n%n", median(existing),
                    existing.stream().mapToDouble(d -> d).min().orElse(0), existing.stream().mapToDouble(d -> d).max().orElse(0));
        }
    }

    private static double startRunScript(Path home, Path data) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("local-stack/run").toString())
                .redirectErrorStream(true);
        builder.environment().put("NUAGE_SKIP_BUILD", "1");
        builder.environment().put("NUAGE_PORT", Integer.toString(AotTraining.freePort()));
        builder.environment().put("NUAGE_DATA", data.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("Nuage is ready at")) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    process.destroy();
                    process.waitFor();
                    return seconds;
                }
            }
        } finally {
            process.destroyForcibly();
        }
        throw new IllegalStateException("./local-stack/run exited with " + process.waitFor() + " before it was ready");
    }

    /** With {@code customRuntimes}, the functions run from those unpacked zips, {@code USE} meaning {@code on}. */
    private static void coldStarts(Path home, int runs, java.util.Set<String> only, List<LocalNuage.Aot> aots,
            Map<String, Path> customRuntimes) throws Exception {
        LocalNuage.Settings settings = new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", 0),
                URI.create("http://127.0.0.1:8080"), null, true, Optional.empty(), 1,
                StackDefinition.withVisibility("nuage", 60, 120, 3), LocalNuage.Aot.OFF, Optional.empty());
        Path scratch = Files.createTempDirectory("nuage-bench");
        Path clip = scratch.resolve("clip.mp4");
        Workload.makeClip(clip);
        try (LocalNuage storage = LocalNuage.startStorageOnly(settings, line -> { });
                LoopbackPeer peer = LoopbackPeer.start("alice");
                SqsClient sqs = AwsClients.sqs(storage.endpoints());
                S3Client s3 = AwsClients.s3(storage.endpoints())) {
            StackDefinition stack = settings.stack();
            String region = storage.endpoints().region();
            String inbound = storage.resources().queueUrl(stack.inbound().name());
            String transcode = storage.resources().queueUrl(stack.transcode().name());
            Map<String, Supplier<byte[]>> firstEvents = new LinkedHashMap<>();
            firstEvents.put("minimal", () -> MinimalFunction.EVENT);
            firstEvents.put("api", () -> MinimalFunction.EVENT);
            // A signed Follow from a peer on loopback: the inbox's first event includes fetching the key.
            firstEvents.put("inbox", () -> {
                String follow = """
                        {"id":"%s/follows/%s","type":"Follow","actor":"%s",
                         "object":"http://127.0.0.1:8080/video-channels/main"}""".formatted(peer.base(), UUID.randomUUID(),
                        peer.actorUrl("alice"));
                return BenchEvents.http("POST", "/inbox", "application/activity+json", follow, peer.signPost("alice",
                        URI.create("http://127.0.0.1/inbox"), follow.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            });
            // The envelope the inbox just queued: delivery's first event is the inbox's last output.
            firstEvents.put("delivery", () -> BenchEvents.nextSqsMessage(sqs, inbound, region));
            firstEvents.put("transcoder", () -> {
                s3.putObject(p -> p.bucket(stack.originals().name()).key("uploads/" + UUID.randomUUID()),
                        RequestBody.fromFile(clip));
                return BenchEvents.nextSqsMessage(sqs, transcode, region);
            });

            Map<String, Map<LocalNuage.Aot, List<ColdStart>>> samples = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (LocalNuage.Aot aot : aots) {
                    for (var entry : firstEvents.entrySet()) {
                        if (only != null && !only.contains(entry.getKey())) {
                            continue;
                        }
                        FunctionSpec spec = customRuntimes.containsKey(entry.getKey())
                                ? CustomRuntime.spec(storage.spec(entry.getKey()), customRuntimes.get(entry.getKey()),
                                        aot == LocalNuage.Aot.USE ? CustomRuntime.AotMode.ON : CustomRuntime.AotMode.OFF)
                                : entry.getKey().equals("minimal") ? MinimalFunction.spec(home, aot)
                                : withAot(storage.spec(entry.getKey()), aot);
                        ColdStart sample = measure(spec, entry.getValue().get());
                        samples.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(aot, k -> new ArrayList<>()).add(sample);
                    }
                }
            }
            if (customRuntimes.isEmpty()) {
                print(samples);
            } else {
                printCustomRuntimes(samples);
            }
        }
    }

    private static FunctionSpec withAot(FunctionSpec spec, LocalNuage.Aot aot) {
        return new FunctionSpec(spec.name(), spec.classpath(), spec.handler(), spec.environment(), spec.memoryMb(),
                spec.timeout(), 1, LocalNuage.jvmOptions(spec.classpath().getFirst(), aot), spec.workDir());
    }

    private static ColdStart measure(FunctionSpec spec, byte[] event) throws Exception {
        try (LambdaFunction function = new LambdaFunction(spec, line -> { })) {
            InvocationResult result = function.invoke(event).get();
            if (result.failed() || result.payloadText().contains("batchItemFailures\":[{")
                    || result.payloadText().contains("\"statusCode\":5")) {
                throw new IllegalStateException(spec.name() + " failed its first event: " + result.payloadText());
            }
            return function.coldStarts().getFirst();
        }
    }

    private static void print(Map<String, Map<LocalNuage.Aot, List<ColdStart>>> samples) {
        System.out.println("Cold start, JVM start to first event answered (median of the runs; init = until the");
        System.out.println("runtime first asked for an event). Flags: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC,");
        System.out.println("as Lambda's managed Java runtime; 'AOT' adds -XX:AOTCache with the build's cache.");
        System.out.println();
        System.out.println("| function | init | first answer | × minimal | init, AOT | first answer, AOT | × minimal, AOT |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<LocalNuage.Aot, List<ColdStart>> baseline = samples.get("minimal");
        for (var entry : samples.entrySet()) {
            StringBuilder row = new StringBuilder("| " + entry.getKey());
            for (LocalNuage.Aot aot : List.of(LocalNuage.Aot.OFF, LocalNuage.Aot.USE)) {
                List<ColdStart> runs = entry.getValue().get(aot);
                if (runs == null) {
                    row.append(" | - | - | -");
                    continue;
                }
                double init = medianSeconds(runs, ColdStart::init);
                double first = medianSeconds(runs, ColdStart::firstAnswer);
                double base = medianSeconds(baseline.get(aot), ColdStart::firstAnswer);
                row.append(String.format(" | %.2f s | %.2f s | %.2f", init, first, first / base));
            }
            System.out.println(row.append(" |"));
        }
    }

    private static void printCustomRuntimes(Map<String, Map<LocalNuage.Aot, List<ColdStart>>> samples) {
        System.out.println("Cold start from the custom-runtime zip (its bootstrap, its jlinked JDK), JVM start to first");
        System.out.println("event answered, median of the runs; init = until the runtime first asked for an event.");
        System.out.println("Without: NUAGE_AOT_MODE=off; with: NUAGE_AOT_MODE=on, the zip's function.aot.");
        System.out.println();
        System.out.println("| function | init | first answer | init, AOT | first answer, AOT | saved |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var entry : samples.entrySet()) {
            List<ColdStart> off = entry.getValue().get(LocalNuage.Aot.OFF);
            List<ColdStart> on = entry.getValue().get(LocalNuage.Aot.USE);
            double firstOff = medianSeconds(off, ColdStart::firstAnswer);
            double firstOn = medianSeconds(on, ColdStart::firstAnswer);
            System.out.printf("| %s | %.2f s | %.2f s | %.2f s | %.2f s | %.0f %% |%n", entry.getKey(),
                    medianSeconds(off, ColdStart::init), firstOff,
                    medianSeconds(on, ColdStart::init), firstOn, 100 * (1 - firstOn / firstOff));
        }
    }

    /** The median, in seconds, of one of the runs' durations. */
    private static double medianSeconds(List<ColdStart> runs, Function<ColdStart, Duration> part) {
        return median(runs.stream().map(c -> seconds(part.apply(c))).toList());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
