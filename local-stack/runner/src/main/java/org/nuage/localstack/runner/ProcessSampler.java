package org.nuage.localstack.runner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches every ffmpeg and ffprobe process on the machine by sampling the process table, so that a
 * benchmark can see what the transcoder's invocations spend their time on without a line of logging
 * in them: which encode ran when, in which instance (its parent JVM), and how much CPU it used.
 * Times are seconds from {@link #start}; a process's start and end are known to one sampling period.
 */
final class ProcessSampler implements AutoCloseable {

    /** Short enough to place a 0.1 s HLS remux, cheap enough to cost under 1 % of a core. */
    static final Duration PERIOD = Duration.ofMillis(50);

    private static final Pattern SCALE = Pattern.compile("scale=w=(\\d+):h=(\\d+)");

    /** One ffmpeg or ffprobe process as seen: {@code kind} says what it did, {@code label} for which rendition. */
    record Run(long pid, long parent, String kind, String label, double start, double end, double cpuSeconds) {
        double seconds() {
            return end - start;
        }

        boolean encodes() {
            return kind.equals("encode") || kind.equals("chunk");
        }
    }

    private final Thread thread;
    private final long self = ProcessHandle.current().pid();
    // Touched by the sampling thread only.
    private final Set<Long> ignored = new HashSet<>();
    private final Set<Long> children = new HashSet<>();
    // Guarded by this.
    private final Map<Long, Observed> tracked = new LinkedHashMap<>();
    private long origin = System.nanoTime();
    private volatile boolean running = true;

    private static final class Observed {
        final long pid;
        final long parent;
        final List<String> args;
        final double start;
        double end;
        double cpu;

        Observed(long pid, long parent, List<String> args, double start) {
            this.pid = pid;
            this.parent = parent;
            this.args = args;
            this.start = start;
            this.end = start;
        }
    }

    /** A process as {@code /proc/<pid>/stat} shows it: its name, parent and CPU seconds so far. */
    private record Stat(String name, long parent, double cpuSeconds) {
        static Stat read(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] fields = stat.substring(close + 2).split(" ");
                // fields[0] is field 3 (state): the parent is field 4, utime and stime fields 14 and 15.
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return new Stat(stat.substring(open + 1, close), Long.parseLong(fields[1]), ticks * TICK_SECONDS);
            } catch (IOException | RuntimeException gone) {
                return null;
            }
        }
    }

    /** USER_HZ, the unit of /proc's CPU times. */
    private static final double TICK_SECONDS = 0.01;

    ProcessSampler() {
        thread = Thread.ofPlatform().daemon().name(THREAD_NAME).start(this::loop);
    }

    /** The sampling thread's name, so that its own CPU time can be told apart. */
    static final String THREAD_NAME = "ffmpeg-sampler";

    /** Forgets what was seen and counts time from now. */
    synchronized void start() {
        tracked.clear();
        origin = System.nanoTime();
    }

    /** The ffmpeg and ffprobe processes seen since {@link #start}, in the order they appeared. */
    synchronized List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (Observed o : tracked.values()) {
            String tool = o.args.isEmpty() ? "" : o.args.getFirst();
            runs.add(new Run(o.pid, o.parent, kind(tool, o.args), label(o.args), o.start, o.end, o.cpu));
        }
        return runs;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Reads the list of processes, and the stat file of each new one only: ProcessHandle's own
     * listing reads every process's stat file each time, which at this rate cost a tenth of a core.
     */
    private void sample() {
        Set<Long> alive = new HashSet<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path entry : proc) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    alive.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return;
        }
        synchronized (this) {
            double now = (System.nanoTime() - origin) / 1e9;
            for (long pid : alive) {
                Observed seen = tracked.get(pid);
                if (seen != null) {
                    Stat stat = Stat.read(pid);
                    if (stat != null) {
                        seen.end = now;
                        seen.cpu = stat.cpuSeconds();
                    }
                    continue;
                }
                if (ignored.contains(pid)) {
                    continue;
                }
                Stat stat = Stat.read(pid);
                if (stat == null) {
                    continue;
                }
                // Ours only: started by this JVM (a bare run) or by one of its children (a function
                // instance); other people's builds and tests on a shared machine run ffmpeg too.
                boolean ours = stat.parent() == self || children.contains(stat.parent());
                if (stat.parent() == self) {
                    children.add(pid);
                }
                if (ours && (stat.name().equals("ffmpeg") || stat.name().equals("ffprobe"))) {
                    Observed observed = new Observed(pid, stat.parent(), arguments(pid), now);
                    observed.cpu = stat.cpuSeconds();
                    tracked.put(pid, observed);
                } else if (!(ours && (stat.name().equals("java") || stat.name().equals("jspawnhelper")))) {
                    // Java starts a process as a copy of itself, then jspawnhelper, which then becomes
                    // the program: those are looked at again until they are something else.
                    ignored.add(pid);
                }
            }
            ignored.retainAll(alive);
            children.retainAll(alive);
        }
    }

    private static List<String> arguments(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
            List<String> args = new ArrayList<>(List.of(cmdline.split("\u0000")));
            if (!args.isEmpty()) {
                args.set(0, args.getFirst().substring(args.getFirst().lastIndexOf('/') + 1));
            }
            return args;
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    /** What an ffmpeg run did, read from the arguments {@code FfmpegCommand} gives it. */
    static String kind(String tool, List<String> args) {
        if (tool.equals("ffprobe")) {
            return "probe";
        }
        if (containsPair(args, "-f", "hls")) {
            return "hls";
        }
        if (args.stream().anyMatch(a -> a.contains("thumbnail="))) {
            return "images";
        }
        if (containsPair(args, "-f", "concat")) {
            return "join";
        }
        if (args.contains("libx264")) {
            return args.contains("-frames:v") || !args.contains("+faststart") ? "chunk" : "encode";
        }
        if (args.contains("-vn")) {
            return "audio";
        }
        return "other";
    }

    /** The rendition an encode makes, such as {@code 720p}, from its scale filter. */
    static String label(List<String> args) {
        for (String arg : args) {
            Matcher m = SCALE.matcher(arg);
            if (m.find()) {
                return Math.min(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) + "p";
            }
        }
        return "";
    }

    private static boolean containsPair(List<String> args, String option, String value) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(option) && args.get(i + 1).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The first run of {@code kind}, if any. */
    static Optional<Run> first(List<Run> runs, String kind) {
        return runs.stream().filter(r -> r.kind().equals(kind)).findFirst();
    }

    /** How long, within [0, until], at least one of {@code runs} was running. */
    static double covered(List<Run> runs, double until) {
        List<double[]> spans = runs.stream().map(r -> new double[] {Math.max(0, r.start()), Math.min(until, r.end())})
                .filter(s -> s[1] > s[0]).sorted((a, b) -> Double.compare(a[0], b[0])).toList();
        double total = 0;
        double from = -1;
        double to = -1;
        for (double[] span : spans) {
            if (span[0] > to) {
                total += to - from;
                from = span[0];
                to = span[1];
            } else {
                to = Math.max(to, span[1]);
            }
        }
        return total + (to - from);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
