package io.chariot.migration.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds spent so far by this JVM and by the stack's PostgreSQL (its postmaster, its live backends and the
 * children it reaped), read from {@code /proc}. On a machine shared with other work, wall-clock rates swing with the
 * load; the CPU a phase costs per record does not, and says what two idle cores could do.
 */
final class CpuClock {

    /** Linux's USER_HZ, the unit of {@code /proc/PID/stat}'s times. */
    private static final double TICKS = 100.0;

    private final long postmaster;

    private CpuClock(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The clock of the PostgreSQL whose data folder is {@code stackDir/postgres/data}, or null when unreadable. */
    static CpuClock of(Path stackDir) {
        try {
            String pid = Files.readAllLines(stackDir.resolve("postgres/data/postmaster.pid")).get(0).trim();
            CpuClock clock = new CpuClock(Long.parseLong(pid));
            clock.postgresSeconds();
            return clock;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static double jvmSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    double postgresSeconds() throws IOException {
        long ticks = times(postmaster, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                    String[] stat = stat(pid);
                    if (Long.parseLong(stat[1]) == postmaster) {
                        ticks += times(pid, false);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked: its time is in the postmaster's children's time now
                }
            }
        }
        return ticks / TICKS;
    }

    /** utime + stime, and with {@code reaped} cutime + cstime (the children it waited for). */
    private static long times(long pid, boolean reaped) throws IOException {
        String[] f = stat(pid);
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return reaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    /** The fields of {@code /proc/PID/stat} after the command name: [0] state, [1] ppid, [11] utime, … */
    private static String[] stat(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }
}
