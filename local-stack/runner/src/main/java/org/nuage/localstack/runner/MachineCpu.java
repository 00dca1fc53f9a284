package org.nuage.localstack.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine was with other people's work while a benchmark ran: CPU time of the whole
 * machine from {@code /proc/stat}, less the CPU time of this JVM and every process under it (the
 * function JVMs, dynalite, ffmpeg), from {@code /proc/<pid>/stat}. The load average would not do:
 * Linux counts runnable threads, so one ffmpeg with x264's threads alone makes it 5 or more. Linux only.
 */
final class MachineCpu {

    /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux architecture we run on. */
    private static final double TICK_SECONDS = 0.01;

    /** A reading: wall clock, the machine's busy and stolen CPU seconds, and ours. */
    record Snapshot(long nanos, double busy, double steal, double ours) {

        /** Seconds of CPU the rest of the machine used since {@code before}, per second of wall time, in cores. */
        double othersCoresSince(Snapshot before) {
            // Ours is read a moment after the machine's: a slightly negative difference means none.
            return Math.max(0, ((busy - before.busy) - (ours - before.ours)) / wallSince(before));
        }

        /** Cores' worth of CPU the hypervisor took since {@code before} (steal time). */
        double stolenCoresSince(Snapshot before) {
            return (steal - before.steal) / wallSince(before);
        }

        private double wallSince(Snapshot before) {
            return Math.max(1e-9, (nanos - before.nanos) / 1e9);
        }
    }

    private MachineCpu() {
    }

    static Snapshot now() {
        double busy = 0;
        double steal = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(cpu[i]) * TICK_SECONDS;
            }
            steal = cpu.length > 8 ? Long.parseLong(cpu[8]) * TICK_SECONDS : 0;
        } catch (IOException | RuntimeException e) {
            return new Snapshot(System.nanoTime(), Double.NaN, Double.NaN, Double.NaN);
        }
        // A child's own time, and that of the children it has reaped (a function JVM's finished ffmpeg runs).
        double ours = ticks(ProcessHandle.current().pid());
        for (ProcessHandle descendant : ProcessHandle.current().descendants().toList()) {
            ours += ticks(descendant.pid());
        }
        return new Snapshot(System.nanoTime(), busy, steal, ours);
    }

    /** utime + stime + cutime + cstime of a process in seconds; 0 when it is gone. */
    private static double ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name is in parentheses and may hold spaces: count fields after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14-17.
            long total = 0;
            for (int field = 14; field <= 17; field++) {
                total += Long.parseLong(fields[field - 3]);
            }
            return total * TICK_SECONDS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
