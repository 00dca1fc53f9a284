package org.nuage.core.transcode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.nuage.core.json.Json;
import org.nuage.core.media.MediaProbe;
import org.nuage.core.media.ProbeReport;

/**
 * Chunked against unchunked encoding of the top rendition of a 60-second 1080p clip, each worker held
 * to one core with {@code taskset}, as a Lambda instance has a fixed share of CPU: a main class, not a
 * test, so {@code mvn verify} never runs it.
 *
 * <ul>
 * <li>unchunked: one worker ({@code taskset -c 0}) runs {@link FfmpegCommand#mp4} for the 1080p
 * rendition, video and audio, as an ENCODE task does;</li>
 * <li>chunked with N workers (N = 1 to the number of cores): worker i is pinned to core i and takes
 * the next chunk of the {@link ChunkPlan} from a shared queue, as parallel invocations take CHUNK
 * messages, encoding it with {@link FfmpegCommand#videoChunk}; when every chunk is done, one worker
 * (core 0) encodes the sound with {@link FfmpegCommand#audio} and joins with {@link FfmpegCommand#join},
 * as the JOIN task does.</li>
 * </ul>
 * Files are read from and written to local disk: S3 transfers, queues and JVMs are benchmark 1's
 * ({@code local-stack/runner}, {@code TranscodeBenchmark}) business; this one measures what chunking does to
 * the encoding itself. The speed-up of N workers is the unchunked wall time over theirs.
 *
 * <p>Run from the repository root after {@code mvn -o -B package -pl functions/core -DskipTests}:
 * <pre>
 * java -cp "functions/core/target/classes:functions/core/target/test-classes:$(cat functions/core/target/classpath.txt)" \
 *     org.nuage.core.transcode.ChunkedEncodeBenchmark [--runs 3] [--segments-per-chunk 4] [--dir DIR] [--preset veryfast]
 * </pre>
 * ({@code classpath.txt}: {@code mvn -o -q -pl functions/core dependency:build-classpath
 * -Dmdep.outputFile=target/classpath.txt}; Jackson is the only library it needs). The source clip,
 * made once in {@code DIR} (default: {@code nuage-transcode-benchmark} under {@code java.io.tmpdir}) and reused, is
 * {@link #SOURCE_COMMAND}'s; {@code TranscodeBenchmark} makes and uses the same file.
 */
public final class ChunkedEncodeBenchmark {

    /**
     * The source: 60 s of 1920x1080 at 30 fps with a 440 Hz tone, encoded as a phone or an editor
     * would hand it over (H.264 High at about 10 Mb/s with 2-second GOPs, AAC stereo 192 kb/s at 48 kHz,
     * faststart), outside any timing. Light temporal noise over testsrc2 gives x264 real detail to
     * code, as a camera's sensor noise does; testsrc2 alone is mostly flat colour that costs nothing.
     */
    public static final List<String> SOURCE_COMMAND = List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "60", "-vf", "noise=alls=6:allf=t",
            "-c:v", "libx264", "-preset", "fast", "-profile:v", "high", "-b:v", "10M", "-maxrate", "12M",
            "-bufsize", "20M", "-g", "60", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "192k", "-ac", "2", "-movflags", "+faststart");

    public static final String SOURCE_NAME = "source-1080p30-60s.mp4";

    private ChunkedEncodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        int segmentsPerChunk = 4;
        String preset = FfmpegCommand.PRODUCTION_PRESET;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "nuage-transcode-benchmark");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--segments-per-chunk" -> segmentsPerChunk = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--preset" -> preset = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --runs N, --segments-per-chunk N, --dir DIR, --preset NAME");
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Path source = source(dir);
        LadderConfig config = LadderConfig.defaults().withChunking(LadderConfig.DEFAULT_SEGMENT_SECONDS, segmentsPerChunk);
        ProbeReport report = new MediaProbe("ffprobe").probe(source.toString(), Files.size(source));
        TranscodePlan plan = new LadderPlanner(config).plan(UUID.randomUUID().toString(), SourceMedia.of(report));
        Rendition top = plan.renditions().getLast();
        ChunkPlan chunks = plan.chunks();
        FfmpegCommand commands = new FfmpegCommand("ffmpeg", preset);
        FfmpegRunner runner = new FfmpegRunner(Duration.ofMinutes(30));

        System.out.printf(Locale.ROOT, "source: %s, %.2f s, %dx%d, %.2f fps, %.1f Mb/s%n", source,
                report.durationSeconds(), report.width(), report.height(), report.fps(),
                Files.size(source) * 8 / report.durationSeconds() / 1e6);
        System.out.printf(Locale.ROOT, "rendition %s: %dx%d at %s fps, maxrate %.1f Mb/s, x264 %s, audio %d kb/s%n",
                top.name(), top.width(), top.height(), top.fps(), top.videoBitrate() / 1e6, preset,
                top.audioBitrate() / 1000);
        System.out.printf(Locale.ROOT, "chunks: %d s (%d segments of %d s): %s%n", config.chunkSeconds(),
                segmentsPerChunk, config.segmentSeconds(), chunks.chunks().stream()
                        .map(c -> c.startSecond() + "-" + (c.last() ? "end" : c.endSecond() + " s")).toList());
        System.out.printf("cores: %d; every worker is one ffmpeg at a time under taskset -c <its core>%n", cores);
        System.out.println("unchunked: " + String.join(" ", pinned(0, commands.mp4(top, source, dir.resolve("unchunked.mp4")))));
        System.out.println();

        List<Double> unchunked = new ArrayList<>();
        Map<Integer, List<Phases>> chunked = new LinkedHashMap<>();
        Map<String, List<Double>> others = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            // Alternate which side goes first, so that a change in the machine's load falls on both.
            List<Integer> order = new ArrayList<>();
            for (int n = 1; n <= cores; n++) {
                order.add(n);
            }
            if (run % 2 == 0) {
                order = order.reversed();
            }
            if (run % 2 == 1) {
                double[] before = cpu();
                unchunked.add(unchunked(runner, commands, top, source, dir));
                others.computeIfAbsent("unchunked", k -> new ArrayList<>()).add(othersCores(before, cpu()));
            }
            for (int n : order) {
                double[] before = cpu();
                chunked.computeIfAbsent(n, k -> new ArrayList<>()).add(chunked(runner, commands, top, chunks, source, dir, n));
                others.computeIfAbsent(Integer.toString(n), k -> new ArrayList<>()).add(othersCores(before, cpu()));
            }
            if (run % 2 == 0) {
                double[] before = cpu();
                unchunked.add(unchunked(runner, commands, top, source, dir));
                others.computeIfAbsent("unchunked", k -> new ArrayList<>()).add(othersCores(before, cpu()));
            }
            System.out.printf(Locale.ROOT, "run %d: unchunked %.1f s [other processes: %.2f cores]%n", run,
                    unchunked.getLast(), others.get("unchunked").getLast());
            chunked.forEach((n, samples) -> System.out.printf(Locale.ROOT,
                    "  %d worker%s %.1f s, speed-up %.2f [%.2f cores]: %s%n", n, n == 1 ? "" : "s",
                    samples.getLast().total(), unchunked.getLast() / samples.getLast().total(),
                    others.get(Integer.toString(n)).getLast(), samples.getLast()));
        }

        double reference = median(unchunked);
        System.out.println();
        List<Double> allOthers = others.values().stream().flatMap(List::stream).toList();
        System.out.printf(Locale.ROOT, "1080p of a 60 s clip, %d-s chunks, x264 %s, median of %d runs, %d cores; other "
                + "processes used %.2f-%.2f cores%n%n", config.chunkSeconds(), preset, runs, cores, min(allOthers),
                max(allOthers));
        System.out.println("| workers (one core each) | wall time | runs | chunks / sound / join | speed-up | goal 0.8·N |");
        System.out.println("| --- | ---: | --- | ---: | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| 1, unchunked (baseline) | %.1f s | %s | | 1.00 | |%n", reference, list(unchunked));
        chunked.forEach((n, samples) -> {
            double total = median(samples.stream().map(Phases::total).toList());
            System.out.printf(Locale.ROOT, "| %d, chunked | %.1f s | %s | %.1f / %.1f / %.1f s | %.2f | %.1f, %s |%n", n, total,
                    list(samples.stream().map(Phases::total).toList()),
                    median(samples.stream().map(Phases::chunks).toList()),
                    median(samples.stream().map(Phases::audio).toList()),
                    median(samples.stream().map(Phases::join).toList()), reference / total, 0.8 * n,
                    reference / total >= 0.8 * n ? "met" : "not met");
        });
        System.out.println();
        System.out.println("speed-up run by run (unchunked / chunked of the same run): " + chunked.entrySet().stream()
                .map(e -> e.getKey() + " worker" + (e.getKey() == 1 ? "" : "s") + " " + list(java.util.stream.IntStream
                        .range(0, e.getValue().size()).mapToObj(i -> unchunked.get(i) / e.getValue().get(i).total()).toList(), 2))
                .collect(java.util.stream.Collectors.joining("; ")));

        Media whole = Media.of(dir.resolve("unchunked.mp4"));
        Media joined = Media.of(dir.resolve("joined.mp4"));
        double frame = 1 / top.fps().value();
        System.out.println();
        System.out.printf(Locale.ROOT, "ffprobe, unchunked: video %.4f s (%d frames), audio %.4f s%n", whole.video(),
                whole.frames(), whole.audio());
        System.out.printf(Locale.ROOT, "ffprobe, joined:    video %.4f s (%d frames), audio %.4f s%n", joined.video(),
                joined.frames(), joined.audio());
        double difference = Math.abs(whole.video() - joined.video());
        System.out.printf(Locale.ROOT, "video durations differ by %.4f s = %.2f frames: %s%n", difference, difference / frame,
                difference <= frame + 1e-6 ? "within one frame" : "MORE THAN ONE FRAME");
    }

    /** Wall time of each step of a chunked encode, and of each chunk's ffmpeg in chunk order, in seconds. */
    record Phases(double chunks, double audio, double join, List<Double> eachChunk) {
        double total() {
            return chunks + audio + join;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "chunks %.1f (each %s), sound %.1f, join %.1f", chunks, list(eachChunk),
                    audio, join);
        }
    }

    private static double unchunked(FfmpegRunner runner, FfmpegCommand commands, Rendition rendition, Path source,
            Path dir) {
        Path output = dir.resolve("unchunked.mp4");
        long start = System.nanoTime();
        runner.run(pinned(0, commands.mp4(rendition, source, output)), "encoding unchunked");
        return seconds(start);
    }

    private static Phases chunked(FfmpegRunner runner, FfmpegCommand commands, Rendition rendition, ChunkPlan plan,
            Path source, Path dir, int workers) throws Exception {
        Path work = dir.resolve("chunks");
        deleteTree(work);
        Files.createDirectories(work);
        ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>(plan.chunks());
        Double[] eachChunk = new Double[plan.chunks().size()];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int core = w;
                done.add(pool.submit(() -> {
                    for (Chunk chunk; (chunk = queue.poll()) != null; ) {
                        long chunkStart = System.nanoTime();
                        runner.run(pinned(core, commands.videoChunk(rendition, chunk, source, work.resolve(chunk.fileName()))),
                                "encoding chunk " + chunk.index());
                        eachChunk[chunk.index()] = seconds(chunkStart);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        double chunks = seconds(start);
        long audioStart = System.nanoTime();
        Path audio = work.resolve("audio.mp4");
        runner.run(pinned(0, commands.audio(rendition, source, audio)), "encoding the sound");
        double sound = seconds(audioStart);
        long joinStart = System.nanoTime();
        Path list = work.resolve("chunks.ffconcat");
        Files.writeString(list, FfmpegCommand.concatList(plan), StandardCharsets.UTF_8);
        runner.run(pinned(0, commands.join(rendition, list, audio, dir.resolve("joined.mp4"))), "joining");
        return new Phases(chunks, sound, seconds(joinStart), List.of(eachChunk));
    }

    /** {@code command} held to one core, as a Lambda instance with one vCPU's share runs it. */
    static List<String> pinned(int core, List<String> command) {
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(core)));
        pinned.addAll(command);
        return pinned;
    }

    /** The benchmark's source in {@code dir}, made by {@link #SOURCE_COMMAND} unless it is there already. */
    static Path source(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
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

    /** What ffprobe reports of a file: stream durations in seconds and the video's frame count. */
    record Media(double video, long frames, double audio) {
        static Media of(Path file) throws IOException, InterruptedException {
            Process process = new ProcessBuilder("ffprobe", "-v", "error", "-of", "json", "-show_streams", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("ffprobe failed on " + file);
            }
            double video = 0;
            long frames = 0;
            double audio = 0;
            for (JsonNode stream : Json.tree(new String(out, StandardCharsets.UTF_8)).path("streams")) {
                if (stream.path("codec_type").asText().equals("video")) {
                    video = stream.path("duration").asDouble();
                    frames = stream.path("nb_frames").asLong();
                } else if (stream.path("codec_type").asText().equals("audio")) {
                    audio = stream.path("duration").asDouble();
                }
            }
            return new Media(video, frames, audio);
        }
    }

    /**
     * Busy CPU seconds of the whole machine ({@code /proc/stat}), ours (this JVM and the ffmpeg it has
     * reaped, {@code /proc/self/stat}) and the wall clock: other people's work on a shared machine is the
     * difference. The load average would not do, as Linux counts each runnable x264 thread in it.
     */
    private static double[] cpu() {
        try {
            String[] all = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            double busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) { // user nice system irq softirq
                busy += Long.parseLong(all[i]) / 100.0;
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
            double ours = 0;
            for (int field = 14; field <= 17; field++) { // utime stime cutime cstime
                ours += Long.parseLong(fields[field - 3]) / 100.0;
            }
            return new double[] {System.nanoTime() / 1e9, busy, ours};
        } catch (IOException | RuntimeException e) {
            return new double[] {System.nanoTime() / 1e9, Double.NaN, Double.NaN};
        }
    }

    /** Cores' worth of CPU that other processes used between two {@link #cpu()} readings. */
    private static double othersCores(double[] before, double[] after) {
        // Ours is read a moment after the machine's: a slightly negative difference means none.
        return Math.max(0, ((after[1] - before[1]) - (after[2] - before[2])) / (after[0] - before[0]));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
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
        return list(values, 1);
    }

    private static String list(List<Double> values, int decimals) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%." + decimals + "f", v))
                .collect(java.util.stream.Collectors.joining(", "));
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
