package org.nuage.core.torrent;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Compares {@link TorrentBuilder}'s hashing throughput with Debian's {@code mktorrent} on the same
 * file: a main class, not a test, so {@code mvn verify} never runs it.
 *
 * <p>Run from the repository root, after {@code mvn -B -o -q -pl functions/core test-compile}, with a
 * Java 21 or later {@code java} (the torrent package needs nothing but the JDK):
 * <pre>
 * "$JAVA_HOME/bin/java" -Xmx64m -XX:+UnlockDiagnosticVMOptions \
 *     -cp functions/core/target/classes:functions/core/target/test-classes \
 *     org.nuage.core.torrent.TorrentHashBenchmark [--size-mib 1024] [--runs 7] [--warmups 3] \
 *     [--threads N] [--mktorrent-threads N] [--dir DIR] [--keep]
 * </pre>
 * or through Maven (exec-maven-plugin 3.5.0 works with Maven 3.8.7; 3.7.0 does not):
 * <pre>
 * mvn -B -o -q -pl functions/core org.codehaus.mojo:exec-maven-plugin:3.5.0:exec \
 *     -Dexec.executable="$JAVA_HOME/bin/java" -Dexec.classpathScope=test \
 *     -Dexec.args="-Xmx64m -XX:+UnlockDiagnosticVMOptions -cp %classpath org.nuage.core.torrent.TorrentHashBenchmark"
 * </pre>
 * The small heap is part of the measurement: a 1 GiB file hashed in a 64 MiB heap (which also caps
 * direct buffers at 64 MiB) shows that memory does not grow with the file; the benchmark also prints
 * how much of the file was left mapped for the garbage collector to unmap. The diagnostic flag only
 * lets the benchmark print whether HotSpot's SHA-1 intrinsic is on. The file is created in
 * {@code DIR} (default: a directory under {@code java.io.tmpdir}), reused when it already has the
 * right size, read once to warm the page cache, and deleted at the end unless {@code --keep} is given.
 *
 * <p>Both sides hash from the page cache. The builder hashes the file with {@link TorrentBuilder#build(Path)},
 * one thread per core unless {@code --threads} says otherwise; {@code build(FileChannel)}, the streamed
 * path, is timed as well for comparison. mktorrent gets the thread count at which it is fastest
 * here, found by trying 1 to cores + 2 and twice the cores before the timed runs, unless
 * {@code --mktorrent-threads} fixes it. The builder is timed in-process after warm-up (the JIT must
 * have compiled the SHA-1 intrinsic path); mktorrent is timed as a whole process, which is how it is
 * used. Builder and mktorrent runs alternate, so that load from other work on a shared machine falls
 * on both alike; each side reports its median.
 */
public final class TorrentHashBenchmark {

    private static final long MIB = 1024 * 1024;

    private TorrentHashBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long sizeMib = 1024;
        int runs = 7;
        int warmups = 3;
        boolean keep = false;
        int threads = 0; // the builder's default: one per core
        int mktorrentThreads = 0; // 0: the fastest of a sweep
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "nuage-torrent-benchmark");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mib" -> sizeMib = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--mktorrent-threads" -> mktorrentThreads = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; use --size-mib N, "
                        + "--runs N, --warmups N, --threads N, --mktorrent-threads N, --dir DIR, --keep");
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int hashThreads = threads != 0 ? threads : cores;
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long length = sizeMib * MIB;
        Files.createDirectories(dir);
        Path file = dir.resolve("benchmark-" + sizeMib + "MiB.bin");
        Path theirs = dir.resolve("benchmark-mktorrent.torrent");
        try {
            prepare(file, length);
            int pieceLength = TorrentBuilder.pieceLengthFor(length);
            System.out.printf(Locale.ROOT, "file: %d MiB, piece length %d KiB (%d pieces), %d cores, max heap %d MiB%n",
                    sizeMib, pieceLength / 1024, PieceHasher.pieceCount(length, pieceLength), cores,
                    Runtime.getRuntime().maxMemory() / MIB);
            System.out.printf("JVM: %s %s; UseSHA=%s, UseSHA1Intrinsics=%s%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.vm.version"), vmOption("UseSHA"), vmOption("UseSHA1Intrinsics"));
            System.out.printf(Locale.ROOT, "SHA-1 on one thread: %.2f GB/s (about 1.4 here with the SHA-NI intrinsic, "
                    + "0.25 without)%n", sha1Rate());

            if (mktorrentThreads == 0) {
                mktorrentThreads = fastestMktorrent(file, length, pieceLength, cores, theirs);
            }
            System.out.println("mktorrent: " + String.join(" ", mktorrentCommand(file, pieceLength, mktorrentThreads,
                    theirs)));

            Torrent ours = null;
            for (int i = 0; i < warmups; i++) {
                ours = buildFromFile(file, length, pieceLength, hashThreads);
                buildFromChannel(file, length, pieceLength, hashThreads);
            }
            mktorrent(file, pieceLength, mktorrentThreads, theirs);

            Side mapped = new Side();
            Side streamed = new Side();
            List<Double> mktorrentRates = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ours = mapped.measure(length, () -> buildFromFile(file, length, pieceLength, hashThreads));
                mktorrentRates.add(length / mktorrent(file, pieceLength, mktorrentThreads, theirs) / 1e9);
                Torrent read = streamed.measure(length, () -> buildFromChannel(file, length, pieceLength, hashThreads));
                if (!read.infoHash().equals(ours.infoHash())) {
                    throw new IllegalStateException("build(Path) and build(FileChannel) disagree");
                }
                System.out.printf(Locale.ROOT, "run %d: builder %.2f GB/s, mktorrent %.2f GB/s, builder from a channel "
                        + "%.2f GB/s%n", i + 1, mapped.rates.getLast(), mktorrentRates.getLast(),
                        streamed.rates.getLast());
            }

            byte[] theirInfo = Bencode.rawValue(Files.readAllBytes(theirs), "info");
            String theirHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(theirInfo));
            double reference = median(mktorrentRates);
            System.out.println();
            report("builder, build(Path), mapped, in-process, " + hashThreads + " threads", mapped.rates);
            report("mktorrent -t " + mktorrentThreads + ", whole process", mktorrentRates);
            report("builder, build(FileChannel), read, in-process, " + hashThreads + " threads", streamed.rates);
            System.out.printf(Locale.ROOT, "ratio builder / mktorrent: %.2f (from a channel: %.2f)%n",
                    median(mapped.rates) / reference, median(streamed.rates) / reference);
            // Other work on a shared machine shows here; both sides share it, run by run.
            System.out.printf(Locale.ROOT, "cores: %d, load average (1 min) at the start %.2f, at the end %.2f%n",
                    cores, loadAtStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "builder memory per build, for a %d MiB file in a %d MiB heap (%d threads, "
                    + "%d KiB pieces):%n", sizeMib, Runtime.getRuntime().maxMemory() / MIB, hashThreads,
                    pieceLength / 1024);
            System.out.println("  build(Path):        " + mapped.memory());
            System.out.println("  build(FileChannel): " + streamed.memory());
            System.out.printf("info hashes equal: %s (%s)%n", theirHash.equals(ours.infoHash()), ours.infoHash());
        } finally {
            Files.deleteIfExists(theirs);
            if (!keep) {
                Files.deleteIfExists(file);
                System.out.println("deleted " + file);
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException e) {
                    // Someone else's files: leave the directory.
                }
            }
        }
    }

    /** A build to time. */
    private interface Build {
        Torrent run() throws IOException;
    }

    /** One way of building: its rates, and the most memory any of its builds took. */
    private static final class Side {
        private static final BufferPoolMXBean DIRECT = bufferPool("direct");
        private static final BufferPoolMXBean MAPPED = bufferPool("mapped");
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        final List<Double> rates = new ArrayList<>();
        private long peakHeap;
        private long allocated;
        private long direct;
        private long mapped;

        Torrent measure(long length, Build build) throws IOException {
            List<MemoryPoolMXBean> heapPools = heapPools();
            long usedBefore = 0;
            for (MemoryPoolMXBean pool : heapPools) {
                pool.resetPeakUsage();
                usedBefore += pool.getUsage().getUsed();
            }
            long allocatedBefore = THREADS.getTotalThreadAllocatedBytes();
            long directBefore = DIRECT.getTotalCapacity();
            long mappedBefore = MAPPED.getTotalCapacity();
            long start = System.nanoTime();
            Torrent torrent = build.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            allocated = Math.max(allocated, THREADS.getTotalThreadAllocatedBytes() - allocatedBefore);
            direct = Math.max(direct, DIRECT.getTotalCapacity() - directBefore);
            mapped = Math.max(mapped, MAPPED.getTotalCapacity() - mappedBefore);
            long peaks = 0;
            for (MemoryPoolMXBean pool : heapPools) {
                peaks += pool.getPeakUsage().getUsed();
            }
            peakHeap = Math.max(peakHeap, peaks - usedBefore);
            rates.add(length / seconds / 1e9);
            return torrent;
        }

        String memory() {
            return String.format(Locale.ROOT, "heap in use above baseline <= %.1f MiB (sum of pool peaks), heap "
                    + "allocated %.1f MiB, direct buffers %.1f MiB, file mapped %.1f MiB (page cache, unmapped by the "
                    + "GC)", peakHeap / (double) MIB, allocated / (double) MIB, direct / (double) MIB,
                    mapped / (double) MIB);
        }
    }

    private static Torrent buildFromFile(Path file, long length, int pieceLength, int threads) throws IOException {
        return builder(file, length, pieceLength, threads).build(file);
    }

    private static Torrent buildFromChannel(Path file, long length, int pieceLength, int threads) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return builder(file, length, pieceLength, threads).build(channel);
        }
    }

    private static TorrentBuilder builder(Path file, long length, int pieceLength, int threads) {
        return TorrentBuilder.forFile(file.getFileName().toString(), length,
                        URI.create("https://media.example/" + file.getFileName()))
                .pieceLength(pieceLength).hashThreads(threads);
    }

    /**
     * The thread count at which mktorrent is fastest here, so that the builder is held to mktorrent at
     * its best: mktorrent reads on its main thread and hashes on {@code -t} others, so one per core is
     * not obviously its best. Counts are tried in turn, three runs each, and the best median wins.
     */
    private static int fastestMktorrent(Path file, long length, int pieceLength, int cores, Path output)
            throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (int t = 1; t <= cores + 2; t++) {
            counts.add(t);
        }
        if (!counts.contains(2 * cores)) {
            counts.add(2 * cores);
        }
        mktorrent(file, pieceLength, cores, output);
        List<List<Double>> rates = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            rates.add(new ArrayList<>());
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < counts.size(); i++) {
                rates.get(i).add(length / mktorrent(file, pieceLength, counts.get(i), output) / 1e9);
            }
        }
        int fastest = 0;
        StringBuilder line = new StringBuilder("mktorrent thread counts (median of 3):");
        for (int i = 0; i < counts.size(); i++) {
            line.append(String.format(Locale.ROOT, " -t %d %.2f GB/s;", counts.get(i), median(rates.get(i))));
            if (median(rates.get(i)) > median(rates.get(fastest))) {
                fastest = i;
            }
        }
        System.out.println(line.append(" fastest -t ").append(counts.get(fastest)));
        return counts.get(fastest);
    }

    private static List<String> mktorrentCommand(Path file, int pieceLength, int threads, Path output) {
        return List.of("mktorrent", "-d", "-l", Integer.toString(Integer.numberOfTrailingZeros(pieceLength)),
                "-t", Integer.toString(threads), "-n", file.getFileName().toString(), "-o", output.toString(),
                file.toString());
    }

    /** Seconds the whole mktorrent process took. */
    private static double mktorrent(Path file, int pieceLength, int threads, Path output) throws Exception {
        Files.deleteIfExists(output); // mktorrent refuses to overwrite
        ProcessBuilder builder = new ProcessBuilder(mktorrentCommand(file, pieceLength, threads, output))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("mktorrent is not installed (Debian: apt-get install -y mktorrent)", e);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("mktorrent failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Writes pseudo-random bytes (incompressible, like video) unless the file is already there, then reads it once. */
    private static void prepare(Path file, long length) throws IOException {
        if (!Files.exists(file) || Files.size(file) != length) {
            System.out.println("writing " + file);
            SplittableRandom random = new SplittableRandom(2025);
            ByteBuffer chunk = ByteBuffer.allocate((int) MIB);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long written = 0; written < length; written += MIB) {
                    random.nextBytes(chunk.array());
                    chunk.clear().limit((int) Math.min(MIB, length - written));
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
            }
        }
        ByteBuffer sink = ByteBuffer.allocateDirect((int) MIB);
        try (FileChannel in = FileChannel.open(file)) {
            while (in.read(sink.clear()) > 0) {
                // Only the page cache matters here.
            }
        }
    }

    private static BufferPoolMXBean bufferPool(String name) {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
                .toList();
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return "(visible with -XX:+UnlockDiagnosticVMOptions)";
        }
    }

    /** GB/s of one thread SHA-1ing 1 MiB buffers once warm: tells whether the intrinsic is in use. */
    private static double sha1Rate() {
        byte[] buffer = new byte[(int) MIB];
        new SplittableRandom(1).nextBytes(buffer);
        MessageDigest sha1 = PieceHasher.newSha1();
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 256; i++) {
                sha1.update(buffer);
                sha1.digest();
            }
            best = Math.max(best, 256 * MIB / ((System.nanoTime() - start) / 1e9) / 1e9);
        }
        return best;
    }

    private static void report(String what, List<Double> rates) {
        System.out.printf(Locale.ROOT, "%-58s %.2f GB/s, median of %d (best %.2f)%n", what + ":", median(rates),
                rates.size(), best(rates));
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
