package io.chariot.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the machine's CPU went during a phase, from {@code /proc} (Linux only; elsewhere it reports nothing):
 * the whole machine's busy and iowait share, and CPU time per process group (the platform JVM, the stack JVM with
 * Kafka, DynamoDB Local and Neo4j, PostgreSQL, Redis, this load driver, everything else). Everything shares the
 * same cores, so this says how much of the box the driver itself takes.
 */
final class CpuAccounting {

    static final String[] GROUPS = {"platform", "stack-jvm", "postgres", "redis", "driver", "other"};
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ: 100 on every Linux architecture that matters
    private static final long SELF = ProcessHandle.current().pid();
    private static final Map<Long, String> GROUP_OF = new HashMap<>();

    record Snapshot(long nanos, long[] machine, Map<Long, Long> ticksByPid) {
    }

    /**
     * CPU use over an interval: machine-wide shares (0..1 of all cores), and per group the average number of
     * cores used.
     */
    record Usage(double seconds, int cores, double busy, double iowait, Map<String, Double> coresByGroup) {

        boolean known() {
            return cores > 0 && seconds > 0;
        }

        String describe() {
            if (!known()) {
                return "n/a";
            }
            String groups = coresByGroup.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "%.0f%% of %d cores busy (iowait %.0f%%); cores used: %s",
                    busy * 100, cores, iowait * 100, groups);
        }
    }

    private CpuAccounting() {
    }

    static Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), machineTicks(), processTicks());
    }

    static Usage since(Snapshot before) {
        Snapshot after = snapshot();
        double seconds = (after.nanos - before.nanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        if (before.machine.length < 8 || after.machine.length < 8) {
            return new Usage(seconds, 0, 0, 0, Map.of());
        }
        long total = 0;
        long idle = 0;
        long iowait = 0;
        for (int i = 0; i < 8; i++) {
            long d = after.machine[i] - before.machine[i];
            total += d;
            if (i == 3) {
                idle += d;
            }
            if (i == 4) {
                iowait += d;
                idle += d;
            }
        }
        Map<String, Double> byGroup = new LinkedHashMap<>();
        for (String g : GROUPS) {
            byGroup.put(g, 0.0);
        }
        after.ticksByPid.forEach((pid, ticks) -> {
            long d = ticks - before.ticksByPid.getOrDefault(pid, 0L);
            byGroup.merge(groupOf(pid), d / TICKS_PER_SECOND / seconds, Double::sum);
        });
        double busy = total == 0 ? 0 : (double) (total - idle) / total;
        double io = total == 0 ? 0 : (double) iowait / total;
        return new Usage(seconds, cores, busy, io, byGroup);
    }

    /** user nice system idle iowait irq softirq steal, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] parts = line.trim().split("\\s+");
            long[] ticks = new long[Math.min(8, parts.length - 1)];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Long.parseLong(parts[i + 1]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    /** utime + stime (+ children's, for postgres' short-lived workers) of every process we can read. */
    private static Map<Long, Long> processTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields after "(comm) ": state=0 ... utime=11 stime=12
                    ticks.put(Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException ignored) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    private static synchronized String groupOf(long pid) {
        return GROUP_OF.computeIfAbsent(pid, CpuAccounting::classify);
    }

    private static String classify(long pid) {
        if (pid == SELF) {
            return "driver";
        }
        try {
            String cmd = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
            String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
            if (cmd.contains("io.chariot.infra.local.servers.StackMain")) {
                return "stack-jvm";
            }
            if (cmd.matches(".*platform[^ ]*\\.jar.*") || cmd.contains("io.chariot.platform")) {
                return "platform";
            }
            if (comm.startsWith("postgres") || cmd.startsWith("postgres:") || cmd.contains("/bin/postgres")) {
                return "postgres";
            }
            if (comm.startsWith("redis")) {
                return "redis";
            }
        } catch (IOException | RuntimeException ignored) {
            // gone
        }
        return "other";
    }
}
