package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nuage.core.media.MediaProbe;
import org.nuage.core.media.ProbeReport;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.transcode.FfmpegCommand;
import org.nuage.core.transcode.FfmpegRunner;
import org.nuage.core.transcode.LadderConfig;
import org.nuage.core.transcode.LadderPlanner;
import org.nuage.core.transcode.Rendition;
import org.nuage.core.transcode.SourceMedia;

/**
 * The whole ladder of a 60-second 1080p clip through the real pipeline, against bare ffmpeg making
 * the same renditions with the same arguments: a main class, never run by {@code mvn verify}.
 *
 * <p>Nuage: a {@link LocalNuage} with as many transcoder instances as the machine has cores, or
 * {@code --instances} (Lambda runs one invocation per queued task, all at once), with the
 * emulators on a temporary data folder, as {@code ./local-stack/run} keeps them; a user registered
 * through the API uploads the clip with the direct multipart upload, and the time runs from the
 * {@code complete} call to the transcoder's log line that the video is published (written right
 * after the state is saved as Published; the API is asked once afterwards to confirm it, not polled
 * during the run, so that polling takes no CPU from the encodes). The transcoder instances are
 * warmed first with two small clips; {@code --cold} adds one run on a freshly started instance.
 *
 * <p>Bare ffmpeg: one process per rendition with {@link FfmpegCommand#mp4}'s exact arguments, x264
 * {@code veryfast}, from the same local file, timed three ways: one after another, all at once, and
 * as many at a time as there are cores (the pipeline's own concurrency), largest rendition first.
 * The ratio divides by the fastest of the three. The bare side makes no HLS, images or torrents and
 * reads no S3: all that counts against the pipeline.
 *
 * <p>Every ffmpeg and ffprobe process is watched ({@link ProcessSampler}), which gives the time to
 * the first probe, how much of the pipeline's time no encode was running, and a timeline per
 * transcoder instance; the CPU time of each part of the stack is read from the process table.
 *
 * <p>Run from the repository root, after {@code mvn -o -B package -pl local-stack/e2e -am -DskipTests}
 * (add {@code -DskipAotTraining} to skip the AOT caches, which only the cold run would use):
 * <pre>
 * java -cp "local-stack/runner/target/nuage-local-runner-0.1.0-SNAPSHOT.jar:$(cat local-stack/runner/target/classpath.txt)" \
 *   org.nuage.localstack.runner.TranscodeBenchmark . [--runs 3] [--cold] [--dir DIR]
 * </pre>
 * The source is made once in {@code --dir} by the same command as core's
 * {@code ChunkedEncodeBenchmark} (which uses the same file) and reused.
 */
public final class TranscodeBenchmark {

    /**
     * The source, as {@code ChunkedEncodeBenchmark.SOURCE_COMMAND} in core's tests makes it: 60 s of
     * 1920x1080 at 30 fps and a 440 Hz tone, encoded as a phone or an editor would hand it over (H.264
     * High at about 10 Mb/s with 2-second GOPs, AAC stereo at 48 kHz). Light temporal noise over
     * testsrc2 gives x264 real detail to code, as a camera sensor's noise does.
     */
    static final List<String> SOURCE_COMMAND = List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "60", "-vf", "noise=alls=6:allf=t",
            "-c:v", "libx264", "-preset", "fast", "-profile:v", "high", "-b:v", "10M", "-maxrate", "12M",
            "-bufsize", "20M", "-g", "60", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "192k", "-ac", "2", "-movflags", "+faststart");

    static final String SOURCE_NAME = "source-1080p30-60s.mp4";

    /** Ten minutes: a 60-second ladder takes one to three on two busy cores. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(10);

    /** How the bare processes share the machine. */
    enum Baseline {
        SEQUENTIAL("sequential", "one after another"),
        ALL_AT_ONCE("all", "all at once"),
        CORES_AT_A_TIME("cores", "as many at a time as cores");

        final String option;
        final String description;

        Baseline(String option, String description) {
            this.option = option;
            this.description = description;
        }

        int concurrency(int renditions, int cores) {
            return switch (this) {
                case SEQUENTIAL -> 1;
                case ALL_AT_ONCE -> renditions;
                case CORES_AT_A_TIME -> cores;
            };
        }
    }

    /** One pipeline run: seconds from complete, and what the sampler and the process table saw. */
    record PipelineRun(double published, double completeCall, List<ProcessSampler.Run> ffmpeg, Map<String, Double> cpu,
            double tasksQueued, Map<String, Double> steps) {
    }

    /** One step of a task as TranscodeService logs it: "task ... took 41.20 s: download 0.61 s, encode 39.80 s". */
    private static final java.util.regex.Pattern STEP = java.util.regex.Pattern.compile("([a-z][a-z0-9 ]*?) (\\d+\\.\\d+) s");

    private TranscodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(".");
        int runs = 3;
        boolean cold = false;
        int instances = 0; // transcoder instances: one per core unless --instances says otherwise
        List<String> sides = List.of("pipeline", "sequential", "all", "cores");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "nuage-transcode-benchmark");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--cold" -> cold = true;
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--sides" -> sides = List.of(args[++i].split(","));
                case "--dir" -> dir = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown argument " + args[i]
                                + "; use [home] --runs N --cold --instances N --dir DIR --sides pipeline,sequential,all,cores");
                    }
                    home = Path.of(args[i]);
                }
            }
        }
        home = home.toAbsolutePath().normalize();
        // The emulators log every bucket and queue they create; only their warnings matter here.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        List<String> overrides = System.getenv().keySet().stream().filter(k -> k.startsWith("NUAGE_TRANSCODE_")).toList();
        if (!overrides.isEmpty()) {
            // The bare side plans with the defaults; the transcoder would not.
            throw new IllegalStateException("unset " + overrides + ": both sides must use the default ladder");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (instances == 0) {
            instances = cores;
        }
        Files.createDirectories(dir);
        Path source = source(dir);
        Path warmClip = dir.resolve("warm-up-clip.mp4");
        Workload.makeClip(warmClip);
        ProbeReport report = new MediaProbe("ffprobe").probe(source.toString(), Files.size(source));
        List<Rendition> ladder = new LadderPlanner(LadderConfig.defaults()).plan(UUID.randomUUID().toString(),
                SourceMedia.of(report)).renditions().reversed();
        FfmpegCommand commands = new FfmpegCommand("ffmpeg", FfmpegCommand.PRODUCTION_PRESET);

        System.out.printf(Locale.ROOT, "source: %s, %.2f s, %dx%d at %.2f fps, %.1f MB%n", source,
                report.durationSeconds(), report.width(), report.height(), report.fps(), Files.size(source) / 1e6);
        System.out.printf("ladder (LadderConfig.defaults(), x264 %s): %s%n", FfmpegCommand.PRODUCTION_PRESET,
                ladder.stream().map(r -> r.name() + "p " + r.width() + "x" + r.height() + "@" + r.fps()).toList());
        System.out.printf("cores: %d, JDK %s; transcoder instances at most %d%n", cores, Runtime.version(), instances);
        System.out.println("top rendition, bare: " + String.join(" ", commands.mp4(ladder.getFirst(), source,
                dir.resolve("bare").resolve(ladder.getFirst().name() + ".mp4"))));
        System.out.println();

        Map<Baseline, List<Double>> bare = new EnumMap<>(Baseline.class);
        Map<Baseline, List<Double>> bareCpu = new EnumMap<>(Baseline.class);
        Map<Object, List<Double>> othersBySide = new LinkedHashMap<>();
        List<PipelineRun> pipeline = new ArrayList<>();
        List<Double> others = new ArrayList<>();
        Optional<PipelineRun> coldRun = Optional.empty();
        try (ProcessSampler sampler = new ProcessSampler(); Writer log = Files.newBufferedWriter(dir.resolve("nuage.log"))) {
            LogBook book = new LogBook(log);
            try (Stack stack = Stack.start(home, instances, book)) {
                stack.api.register();
                warmUp(stack, warmClip, book, instances);
                for (int run = 1; run <= runs; run++) {
                    // Rotate the order, so that a change in the machine's load does not fall on one side only.
                    List<Object> order = new ArrayList<>();
                    order.add("pipeline");
                    order.addAll(List.of(Baseline.values()));
                    List<String> chosen = sides;
                    order.removeIf(side -> !chosen.contains(side instanceof Baseline b ? b.option : (String) side));
                    java.util.Collections.rotate(order, -(run - 1));
                    for (Object side : order) {
                        MachineCpu.Snapshot before = MachineCpu.now();
                        String what;
                        double seconds;
                        if (side instanceof Baseline baseline) {
                            double[] measured = bare(commands, ladder, source, dir, baseline, cores, sampler);
                            bare.computeIfAbsent(baseline, b -> new ArrayList<>()).add(measured[0]);
                            bareCpu.computeIfAbsent(baseline, b -> new ArrayList<>()).add(measured[1]);
                            what = "bare ffmpeg, " + baseline.description;
                            seconds = measured[0];
                        } else {
                            PipelineRun measured = pipelineRun(stack, source, ladder.size(), book, sampler);
                            pipeline.add(measured);
                            what = "Nuage";
                            seconds = measured.published();
                        }
                        MachineCpu.Snapshot after = MachineCpu.now();
                        others.add(after.othersCoresSince(before));
                        othersBySide.computeIfAbsent(side, k -> new ArrayList<>()).add(others.getLast());
                        System.out.printf(Locale.ROOT, "run %d, %s: %.1f s (other processes used %.2f cores, steal %.2f)%n",
                                run, what, seconds, others.getLast(), after.stolenCoresSince(before));
                        if (side.equals("pipeline")) {
                            describe(pipeline.getLast());
                        }
                        settle();
                    }
                }
            }
            if (cold) {
                try (Stack stack = Stack.start(home, instances, book)) {
                    stack.api.register();
                    MachineCpu.Snapshot before = MachineCpu.now();
                    PipelineRun measured = pipelineRun(stack, source, ladder.size(), book, sampler);
                    System.out.printf(Locale.ROOT, "cold run (fresh instance, transcoder JVMs not started, AOT cache %s): %.1f s "
                            + "(other processes used %.2f cores)%n",
                            LocalNuage.aotCache(stack.nuage.spec("transcoder").classpath().getFirst()).isPresent()
                                    ? "used" : "absent", measured.published(), MachineCpu.now().othersCoresSince(before));
                    describe(measured);
                    coldRun = Optional.of(measured);
                }
            }
        }
        summary(bare, bareCpu, pipeline, coldRun, others, othersBySide, cores, instances, runs);
    }

    // --- the bare side ---

    /** Wall seconds and encode CPU seconds of the whole ladder made by bare ffmpeg processes. */
    private static double[] bare(FfmpegCommand commands, List<Rendition> ladder, Path source, Path dir, Baseline baseline,
            int cores, ProcessSampler sampler) throws Exception {
        Path out = dir.resolve("bare");
        deleteTree(out);
        Files.createDirectories(out);
        ConcurrentLinkedQueue<List<String>> queue = new ConcurrentLinkedQueue<>();
        for (Rendition rendition : ladder) {
            queue.add(commands.mp4(rendition, source, out.resolve(rendition.name() + ".mp4")));
        }
        FfmpegRunner runner = new FfmpegRunner(PUBLISH_TIMEOUT);
        int concurrency = baseline.concurrency(ladder.size(), cores);
        sampler.start();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                done.add(pool.submit(() -> {
                    for (List<String> command; (command = queue.poll()) != null; ) {
                        runner.run(command, "bare encode");
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = sampler.runs().stream().filter(ProcessSampler.Run::encodes).mapToDouble(ProcessSampler.Run::cpuSeconds).sum();
        deleteTree(out);
        return new double[] {seconds, cpu};
    }

    // --- the pipeline ---

    /** Uploads the clip (untimed), then times complete to published. */
    private static PipelineRun pipelineRun(Stack stack, Path clip, int renditions, LogBook book, ProcessSampler sampler)
            throws Exception {
        String uuid = stack.api.upload(clip);
        Map<String, Double> cpuBefore = cpuByPart(stack);
        sampler.start();
        long start = System.nanoTime();
        int mark = book.size();
        stack.api.complete(uuid);
        double completeCall = (System.nanoTime() - start) / 1e9;
        LogBook.Line end = book.await(mark, l -> l.text().contains("video " + uuid + " published")
                || l.text().contains("video " + uuid + " failed"), PUBLISH_TIMEOUT);
        double published = (end.nanos() - start) / 1e9;
        if (end.text().contains("failed")) {
            throw new IllegalStateException("the video failed: " + end.text());
        }
        Map<String, Double> cpuAfter = cpuByPart(stack);
        List<ProcessSampler.Run> ffmpeg = sampler.runs();
        double queued = book.since(mark).stream().filter(l -> l.text().contains("video " + uuid + ": ")
                && l.text().contains(" tasks for renditions")).findFirst().map(l -> (l.nanos() - start) / 1e9).orElse(Double.NaN);
        JsonNode video = stack.api.video(uuid);
        if (!"Published".equals(video.path("state").path("label").asText()) || video.path("files").size() != renditions) {
            throw new IllegalStateException("the API does not show the video published with " + renditions
                    + " files: " + video);
        }
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuAfter.forEach((part, seconds) -> cpu.put(part, seconds - cpuBefore.getOrDefault(part, 0.0)));
        // Outside the timing: wait for the last invocation to finish, then free the emulator's disk.
        settle();
        stack.api.delete(uuid);
        // Each task's steps as the transcoder logged them, summed over the tasks.
        Map<String, Double> steps = new LinkedHashMap<>();
        for (LogBook.Line line : book.since(mark)) {
            int took = line.text().indexOf(" took ");
            if (line.text().contains("video=" + uuid) && took > 0 && line.text().indexOf(':', took) > 0) {
                var m = STEP.matcher(line.text().substring(line.text().indexOf(':', took) + 1));
                while (m.find()) {
                    steps.merge(m.group(1).strip(), Double.parseDouble(m.group(2)), Double::sum);
                }
            }
        }
        return new PipelineRun(published, completeCall, ffmpeg, cpu, queued, steps);
    }

    /** Two small clips, so that each transcoder instance has started and served invocations before the timing. */
    private static void warmUp(Stack stack, Path clip, LogBook book, int cores) throws Exception {
        for (int i = 0; i < 6 && (i < 2 || stack.nuage.function("transcoder").instanceCount() < cores); i++) {
            String uuid = stack.api.upload(clip);
            int mark = book.size();
            stack.api.complete(uuid);
            book.await(mark, l -> l.text().contains("video " + uuid + " published"), PUBLISH_TIMEOUT);
            settle();
            stack.api.delete(uuid);
        }
        System.out.printf("warmed up: %d transcoder instances running%n%n", stack.nuage.function("transcoder").instanceCount());
    }

    /**
     * CPU seconds so far of each part of the local stack: the transcoder JVMs (S3 transfers, hashing,
     * queue and DynamoDB calls), the other functions, dynalite, and this JVM (the runner, S3Proxy, ElasticMQ,
     * the gateway and this benchmark). ffmpeg's own time is counted per process by the sampler.
     */
    private static Map<String, Double> cpuByPart(Stack stack) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("transcoder JVMs", 0.0);
        cpu.put("api JVM", 0.0);
        cpu.put("dynalite", 0.0);
        ProcessHandle.current().children().forEach(child -> {
            String args = String.join(" ", child.info().arguments().orElse(new String[0]));
            String part = args.contains("nuage-transcoder") ? "transcoder JVMs"
                    : args.contains("nuage-api") ? "api JVM" : args.contains("dynalite") ? "dynalite" : null;
            if (part != null) {
                cpu.merge(part, child.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9, Double::sum);
            }
        });
        cpu.put("runner + S3/SQS emulators", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO)
                .toNanos() / 1e9);
        // This JVM's share by thread: S3Proxy's Jetty pool, ElasticMQ's actors, the sampler, the rest.
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (var thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(thread.getThreadId());
            if (nanos > 0) {
                cpu.merge("  thread " + thread.getThreadName().replaceAll("[-_]?\\d+$", "").replaceAll("\\d+", "#"),
                        nanos / 1e9, Double::sum);
            }
        }
        return cpu;
    }

    /** Prints where one pipeline run's time went. */
    private static void describe(PipelineRun run) {
        List<ProcessSampler.Run> ffmpeg = run.ffmpeg();
        double total = run.published();
        List<ProcessSampler.Run> encodes = ffmpeg.stream().filter(ProcessSampler.Run::encodes).toList();
        double encoding = ProcessSampler.covered(encodes, total);
        double anyFfmpeg = ProcessSampler.covered(ffmpeg, total);
        Optional<ProcessSampler.Run> probe = ProcessSampler.first(ffmpeg, "probe");
        double firstEncode = encodes.stream().mapToDouble(ProcessSampler.Run::start).min().orElse(Double.NaN);
        double lastEncode = encodes.stream().mapToDouble(ProcessSampler.Run::end).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "  complete call %.2f s; first probe %.2f-%.2f s; tasks queued %.2f s; encodes from "
                        + "%.2f to %.2f s; published %.2f s%n", run.completeCall(),
                probe.map(ProcessSampler.Run::start).orElse(Double.NaN), probe.map(ProcessSampler.Run::end).orElse(Double.NaN),
                run.tasksQueued(), firstEncode, lastEncode, total);
        System.out.printf(Locale.ROOT, "  no encode running: %.2f s (%.1f %%); no ffmpeg/ffprobe at all: %.2f s (%.1f %%)%n",
                total - encoding, 100 * (total - encoding) / total, total - anyFfmpeg, 100 * (total - anyFfmpeg) / total);
        Map<String, double[]> byKind = new LinkedHashMap<>();
        for (ProcessSampler.Run r : ffmpeg) {
            double[] sums = byKind.computeIfAbsent(r.kind(), k -> new double[3]);
            sums[0]++;
            sums[1] += r.seconds();
            sums[2] += r.cpuSeconds();
        }
        System.out.println("  ffmpeg by kind (count, wall s summed, CPU s): " + byKind.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %d / %.1f / %.1f", e.getKey(), (int) e.getValue()[0],
                        e.getValue()[1], e.getValue()[2])).collect(Collectors.joining("; ")));
        System.out.println("  other CPU s: " + run.cpu().entrySet().stream().filter(e -> !e.getKey().startsWith("  thread "))
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining("; ")));
        System.out.println("  of which runner threads: " + run.cpu().entrySet().stream()
                .filter(e -> e.getKey().startsWith("  thread ") && e.getValue() >= 0.2)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey().substring("  thread ".length()), e.getValue()))
                .collect(Collectors.joining("; ")));
        if (!run.steps().isEmpty()) {
            System.out.println("  task steps as the transcoder logged them (wall s, summed over tasks): " + run.steps().entrySet()
                    .stream().map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining("; ")));
        }
        Map<Long, List<ProcessSampler.Run>> byInstance = ffmpeg.stream()
                .collect(Collectors.groupingBy(ProcessSampler.Run::parent, LinkedHashMap::new, Collectors.toList()));
        int n = 1;
        for (List<ProcessSampler.Run> instance : byInstance.values()) {
            StringBuilder line = new StringBuilder("  instance " + n++ + ":");
            double previousEnd = 0;
            for (ProcessSampler.Run r : instance) {
                line.append(String.format(Locale.ROOT, " [%.1f] %s%s %.1f-%.1f", r.start() - previousEnd, r.kind(),
                        r.label().isEmpty() ? "" : " " + r.label(), r.start(), r.end()));
                previousEnd = r.end();
            }
            System.out.println(line.append(" [").append(String.format(Locale.ROOT, "%.1f", total - previousEnd)).append("]"));
        }
        System.out.println("  (a timeline per transcoder instance: [gap before, s] ffmpeg run start-end, s from complete)");
    }

    private static void summary(Map<Baseline, List<Double>> bare, Map<Baseline, List<Double>> bareCpu,
            List<PipelineRun> pipeline, Optional<PipelineRun> cold, List<Double> others, Map<Object, List<Double>> othersBySide,
            int cores, int instances, int runs) {
        if (pipeline.isEmpty() || bare.isEmpty()) {
            return;
        }
        double nuage = median(pipeline.stream().map(PipelineRun::published).toList());
        Baseline fastest = bare.entrySet().stream().min(Comparator.comparingDouble(e -> median(e.getValue())))
                .orElseThrow().getKey();
        double reference = median(bare.get(fastest));
        System.out.println();
        System.out.printf(Locale.ROOT, "Full ladder of a 60 s 1080p30 clip, x264 veryfast, median of %d runs, %d cores; "
                + "other processes used %.2f cores in the median measurement (%.2f-%.2f)%n%n", runs, cores, median(others),
                min(others), max(others));
        System.out.println("| | wall time | runs | other processes, cores | x264 CPU |");
        System.out.println("| --- | ---: | --- | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| Nuage: complete → Published, %d warm transcoders | %.1f s | %s | %.2f | %.0f s |%n", instances,
                nuage, list(pipeline.stream().map(PipelineRun::published).toList()), median(othersBySide.get("pipeline")),
                median(pipeline.stream().map(r -> r.ffmpeg().stream().filter(ProcessSampler.Run::encodes)
                        .mapToDouble(ProcessSampler.Run::cpuSeconds).sum()).toList()));
        for (Baseline baseline : bare.keySet()) {
            System.out.printf(Locale.ROOT, "| bare ffmpeg, %s%s | %.1f s | %s | %.2f | %.0f s |%n", baseline.description,
                    baseline == fastest ? " (fastest: the baseline)" : "", median(bare.get(baseline)),
                    list(bare.get(baseline)), median(othersBySide.get(baseline)), median(bareCpu.get(baseline)));
        }
        System.out.printf(Locale.ROOT, "| **ratio Nuage / bare** | **%.2f** | goal ≤ 1.05: %s | | |%n", nuage / reference,
                nuage / reference <= 1.05 ? "met" : "not met");
        // Other people's work takes cores from whichever side runs at the time. Wall time x the cores left
        // to us is the CPU each side could have had: a fair comparison when both keep every core busy.
        List<Double> nuageCapacity = new ArrayList<>();
        for (int i = 0; i < pipeline.size(); i++) {
            nuageCapacity.add(pipeline.get(i).published() * (cores - othersBySide.get("pipeline").get(i)));
        }
        List<Double> bareCapacity = new ArrayList<>();
        for (int i = 0; i < bare.get(fastest).size(); i++) {
            bareCapacity.add(bare.get(fastest).get(i) * (cores - othersBySide.get(fastest).get(i)));
        }
        System.out.printf(Locale.ROOT, "%nwall time x cores left by other processes, medians: Nuage %.0f core-s, bare %.0f "
                + "core-s; ratio %.2f (corrects for other people's load when both sides keep the cores busy)%n",
                median(nuageCapacity), median(bareCapacity), median(nuageCapacity) / median(bareCapacity));
        System.out.printf(Locale.ROOT, "%ntime to first probe (ffprobe starts), median: %.2f s; no encode running, median: %.1f s%n",
                median(pipeline.stream().map(r -> ProcessSampler.first(r.ffmpeg(), "probe").map(ProcessSampler.Run::start)
                        .orElse(Double.NaN)).toList()),
                median(pipeline.stream().map(r -> r.published() - ProcessSampler.covered(
                        r.ffmpeg().stream().filter(ProcessSampler.Run::encodes).toList(), r.published())).toList()));
        cold.ifPresent(c -> System.out.printf(Locale.ROOT, "cold (fresh stack, first upload): %.1f s, ratio %.2f%n",
                c.published(), c.published() / reference));
    }

    // --- the stack and its API ---

    /** A LocalNuage on a temporary data folder, with a client of its API. */
    private static final class Stack implements AutoCloseable {
        final LocalNuage nuage;
        final Api api;
        final Path data;

        private Stack(LocalNuage nuage, Path data) {
            this.nuage = nuage;
            this.data = data;
            this.api = new Api(nuage.url());
        }

        static Stack start(Path home, int cores, LogBook book) throws IOException {
            Path data = Files.createTempDirectory("nuage-transcode-benchmark-data");
            int port = AotTraining.freePort();
            // Standard visibility (6 x 15 min, as deployed): no task is delivered twice while it encodes.
            LocalNuage.Settings settings = new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                    URI.create("http://127.0.0.1:" + port), data, false, Optional.empty(), cores,
                    StackDefinition.standard("nuage"), LocalNuage.Aot.USE, Optional.of(UUID.randomUUID().toString()));
            return new Stack(LocalNuage.start(settings, book::add), data);
        }

        @Override
        public void close() throws IOException {
            nuage.close();
            deleteTree(data);
        }
    }

    /** The API calls a client makes to upload a video, as in PipelineIT. */
    private static final class Api {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI base;
        private String user;
        private String token;

        Api(URI base) {
            this.base = base;
        }

        void register() throws Exception {
            user = "bench" + UUID.randomUUID().toString().substring(0, 8);
            String password = "correct horse battery " + UUID.randomUUID();
            expect(204, send("POST", "/api/v1/users/register", "application/json", Json.MAPPER.writeValueAsString(
                    Map.of("username", user, "password", password, "email", user + "@example.org"))));
            JsonNode client = Json.MAPPER.readTree(expect(200, send("GET", "/api/v1/oauth-clients/local", null, null)));
            String form = "client_id=" + enc(client.path("client_id").asText()) + "&client_secret="
                    + enc(client.path("client_secret").asText()) + "&grant_type=password&username=" + enc(user)
                    + "&password=" + enc(password);
            token = Json.MAPPER.readTree(expect(200, send("POST", "/api/v1/users/token",
                    "application/x-www-form-urlencoded", form))).path("access_token").asText();
        }

        /** Starts a direct upload and sends every part to its presigned URL; returns the video's uuid. */
        String upload(Path clip) throws Exception {
            byte[] bytes = Files.readAllBytes(clip);
            JsonNode ticket = Json.MAPPER.readTree(expect(200, send("POST", "/api/v1/videos/uploads", "application/json",
                    Json.MAPPER.writeValueAsString(Map.of("name", "Benchmark " + clip.getFileName(), "channel",
                            user + "_channel", "size", bytes.length, "contentType", "video/mp4")))));
            int partSize = ticket.path("upload").path("partSize").asInt();
            for (JsonNode part : ticket.path("upload").path("parts")) {
                int from = (part.path("partNumber").asInt() - 1) * partSize;
                byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + partSize));
                HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(part.path("url").asText()))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(piece)).build(), HttpResponse.BodyHandlers.ofString());
                expect(200, put);
            }
            return ticket.path("video").path("uuid").asText();
        }

        void complete(String uuid) throws Exception {
            expect(200, send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", null, null));
        }

        JsonNode video(String uuid) throws Exception {
            return Json.MAPPER.readTree(expect(200, send("GET", "/api/v1/videos/" + uuid, null, null)));
        }

        void delete(String uuid) throws Exception {
            expect(204, send("DELETE", "/api/v1/videos/" + uuid, null, null));
        }

        private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private static String expect(int status, HttpResponse<String> response) {
            if (response.statusCode() != status) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        }

        private static String enc(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** Every line the functions print, with when it arrived; also written to {@code nuage.log}. */
    private static final class LogBook {
        record Line(long nanos, String text) {
        }

        private final List<Line> lines = new ArrayList<>();
        private final Writer file;

        LogBook(Writer file) {
            this.file = file;
        }

        synchronized void add(String text) {
            lines.add(new Line(System.nanoTime(), text));
            try {
                file.write(text);
                file.write('\n');
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            notifyAll();
        }

        synchronized int size() {
            return lines.size();
        }

        synchronized List<Line> since(int mark) {
            return List.copyOf(lines.subList(mark, lines.size()));
        }

        /** The first line from {@code mark} on that matches. */
        synchronized Line await(int mark, Predicate<Line> match, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int next = mark;
            while (true) {
                for (; next < lines.size(); next++) {
                    if (match.test(lines.get(next))) {
                        return lines.get(next);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("nothing matched in the log within " + timeout.toSeconds() + " s");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    // --- helpers ---

    /** The benchmark's source in {@code dir}, made by {@link #SOURCE_COMMAND} unless it is there already. */
    static Path source(Path dir) throws IOException, InterruptedException {
        Path source = dir.resolve(SOURCE_NAME);
        if (!Files.exists(source)) {
            System.out.println("making " + source + " (once; minutes on 2 cores)");
            Path partial = dir.resolve("partial-" + SOURCE_NAME);
            List<String> command = new ArrayList<>(SOURCE_COMMAND);
            command.add(partial.toString());
            if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
                throw new IllegalStateException("ffmpeg could not make the source: " + command);
            }
            Files.move(partial, source);
        }
        return source;
    }

    /** Lets the last invocation finish and the page cache settle between measurements. */
    private static void settle() throws InterruptedException {
        Thread.sleep(3000);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining(", "));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
