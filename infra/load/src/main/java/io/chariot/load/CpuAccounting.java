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

    static final String[] GROUPS = {"platform", "stack-jvm", "postgres", "redis", "driver", "jit", "other"};
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ: 100 on every Linux architecture that matters
    private static final long SELF = ProcessHandle.current().pid();
    private static final Map<Long, String> GROUP_OF = new HashMap<>();
    /** The stack JVM's pid and work dir, when known: then only its process tree counts as the platform and stack. */
    private static volatile long stackPid = -1;
    private static volatile String stackDir;

    /** Attributes processes to this stack only (its pid from the endpoints file, its work dir). */
    static synchronized void scopeTo(long pid, String workDir) {
        stackPid = pid;
        stackDir = workDir;
        GROUP_OF.clear();
    }

    /** The servers inside the stack JVM, told apart by thread name ({@link #serverOf}); "jvm" is GC and VM threads. */
    static final String[] STACK_SERVERS = {"kafka", "neo4j", "dynamodb", "jvm", "rest"};

    /**
     * {@code threadTicks}: per Java process, the ticks of its threads by {@link #serverOf} (JIT threads excluded):
     * used for the stack JVM only, whose one process hosts Kafka, Neo4j and DynamoDB Local.
     */
    record Snapshot(long nanos, long[] machine, Map<Long, Long> ticksByPid, Map<Long, Map<String, Long>> threadTicks) {
    }

    /**
     * CPU use over an interval: machine-wide shares (0..1 of all cores), and per group the average number of
     * cores used.
     */
    record Usage(double seconds, int cores, double busy, double iowait, Map<String, Double> coresByGroup,
                 Map<String, Double> stackServers) {

        boolean known() {
            return cores > 0 && seconds > 0;
        }

        /**
         * CPU milliseconds per request of each group but "other" (cores used x seconds / requests), their sum, and
         * the throughput that sum would allow if these cores did nothing else.
         */
        String perRequest(long requests) {
            if (!known() || requests == 0) {
                return "n/a";
            }
            double total = 0;
            StringBuilder out = new StringBuilder();
            for (var e : coresByGroup.entrySet()) {
                if (e.getKey().equals("other")) {
                    continue;
                }
                double ms = e.getValue() * seconds * 1000 / requests;
                total += ms;
                out.append(String.format(Locale.ROOT, "%s %.2f, ", e.getKey(), e.getValue() * seconds * 1000 / requests));
            }
            return String.format(Locale.ROOT, "%stotal %.2f ms (at most ~%.0f/s on %d cores)", out, total,
                    cores * 1000 / total, cores);
        }

        double msPerRequest(String group, long requests) {
            return requests == 0 ? Double.NaN : coresByGroup.getOrDefault(group, 0.0) * seconds * 1000 / requests;
        }

        /** CPU ms per request of one server inside the stack JVM ({@link #STACK_SERVERS}). */
        double stackServerMsPerRequest(String server, long requests) {
            return requests == 0 ? Double.NaN : stackServers.getOrDefault(server, 0.0) * seconds * 1000 / requests;
        }

        String describe() {
            if (!known()) {
                return "n/a";
            }
            String groups = coresByGroup.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
            String servers = stackServers.isEmpty() ? "" : stackServers.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ", " (stack-jvm: ", ")"));
            return String.format(Locale.ROOT, "%.0f%% of %d cores busy (iowait %.0f%%); cores used: %s%s",
                    busy * 100, cores, iowait * 100, groups, servers);
        }
    }

    private CpuAccounting() {
    }

    static Snapshot snapshot() {
        Map<Long, Map<String, Long>> threads = new HashMap<>();
        return new Snapshot(System.nanoTime(), machineTicks(), processTicks(threads), threads);
    }

    static Usage since(Snapshot before) {
        Snapshot after = snapshot();
        double seconds = (after.nanos - before.nanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        if (before.machine.length < 8 || after.machine.length < 8) {
            return new Usage(seconds, 0, 0, 0, Map.of(), Map.of());
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
        Map<String, Double> servers = new LinkedHashMap<>();
        after.threadTicks.forEach((pid, byServer) -> {
            if (!groupOf(pid).equals("stack-jvm")) {
                return;
            }
            Map<String, Long> before0 = before.threadTicks.getOrDefault(pid, Map.of());
            for (String server : STACK_SERVERS) {
                long d = byServer.getOrDefault(server, 0L) - before0.getOrDefault(server, 0L);
                servers.merge(server, Math.max(0, d) / TICKS_PER_SECOND / seconds, Double::sum);
            }
        });
        double busy = total == 0 ? 0 : (double) (total - idle) / total;
        double io = total == 0 ? 0 : (double) iowait / total;
        return new Usage(seconds, cores, busy, io, byGroup, servers);
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

    /**
     * utime + stime of every process we can read. For JVMs, the JIT compiler threads' share is split off under the
     * negated pid (group "jit"): compilation is warm-up, not the steady-state cost of a request.
     */
    private static Map<Long, Long> processTicks(Map<Long, Map<String, Long>> threadTicks) {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    long pid = Long.parseLong(dir.getFileName().toString());
                    long total = ticksOf(dir.resolve("stat"));
                    long jit = 0;
                    if (Files.readString(dir.resolve("comm")).trim().equals("java")) {
                        Map<String, Long> byServer = new HashMap<>();
                        threadTicks.put(pid, byServer);
                        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
                            for (Path task : tasks) {
                                try {
                                    String comm = Files.readString(task.resolve("comm"));
                                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                                        jit += ticksOf(task.resolve("stat"));
                                    } else {
                                        byServer.merge(serverOf(comm.trim()), ticksOf(task.resolve("stat")), Long::sum);
                                    }
                                } catch (IOException | RuntimeException ignored) {
                                    // thread ended
                                }
                            }
                        }
                    }
                    ticks.put(pid, total - jit);
                    if (jit > 0) {
                        ticks.put(-pid, jit);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /**
     * Which server of the stack JVM a thread works for, by its name as {@code /proc} shows it (at most 15
     * characters). Threads that ended between two snapshots take their ticks with them, so the parts are a lower
     * bound and "rest" is what no rule names.
     */
    static String serverOf(String thread) {
        String t = thread.toLowerCase(Locale.ROOT);
        if (t.startsWith("neo4j") || t.contains("bolt") || t.startsWith("muninn")) {
            return "neo4j";
        }
        if (t.startsWith("qtp") || t.contains("dynamodb") || t.contains("sqlite")) {
            return "dynamodb"; // DynamoDB Local: Jetty pool threads (qtp...) and its SQLite queue threads
        }
        if (t.contains("kafka") || t.startsWith("data-plane") || t.startsWith("broker") || t.startsWith("controller")
                || t.startsWith("raft") || t.startsWith("quorum") || t.startsWith("replica") || t.startsWith("group-co")
                || t.startsWith("expirationreap") || t.startsWith("logdir") || t.startsWith("transaction")
                || t.startsWith("share-") || t.startsWith("metadata") || t.startsWith("log-cleaner")
                || t.startsWith("txnmarker") || t.startsWith("nodetocontroll") || t.startsWith("throttledchann")
                || t.startsWith("executor-") || t.startsWith("persister") || t.startsWith("producerstate")) {
            return "kafka";
        }
        if (t.startsWith("gc thread") || t.startsWith("g1 ") || t.startsWith("vm ") || t.startsWith("gc ")
                || t.startsWith("parallel gc") || t.startsWith("serial") || t.startsWith("sweeper")
                || t.startsWith("monitor deflat")) {
            return "jvm";
        }
        return "rest";
    }

    /** utime + stime from a {@code stat} file (fields 14 and 15). */
    private static long ticksOf(Path stat) throws IOException {
        String text = Files.readString(stat, StandardCharsets.UTF_8);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static synchronized String groupOf(long pid) {
        return GROUP_OF.computeIfAbsent(pid, CpuAccounting::classify);
    }

    private static String classify(long pid) {
        if (pid < 0) {
            return classify(-pid).equals("other") ? "other" : "jit";
        }
        if (pid == SELF) {
            return "driver";
        }
        try {
            String cmd = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
            String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
            boolean postgres = comm.startsWith("postgres") || cmd.startsWith("postgres:") || cmd.contains("/bin/postgres");
            if (stackPid > 0) {
                // Only this stack's tree (PostgreSQL is daemonised by pg_ctl: its postmaster names the work dir, its
                // backends are the postmaster's children). Other stacks on the machine count as "other".
                if (pid == stackPid) {
                    return "stack-jvm";
                }
                if (descendsFrom(pid, stackPid)) {
                    if (comm.startsWith("redis")) {
                        return "redis";
                    }
                    return cmd.contains(".jar") && cmd.contains("platform") ? "platform" : postgres ? "postgres" : "stack-jvm";
                }
                if (postgres && stackDir != null && (cmd.contains(stackDir) || ancestorNames(pid, stackDir))) {
                    return "postgres";
                }
                return "other";
            }
            if (cmd.contains("io.chariot.infra.local.servers.StackMain")) {
                return "stack-jvm";
            }
            if (cmd.matches(".*platform[^ ]*\\.jar.*") || cmd.contains("io.chariot.platform")) {
                return "platform";
            }
            if (postgres) {
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

    private static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean descendsFrom(long pid, long ancestor) {
        for (long p = parentOf(pid), hops = 0; p > 1 && hops < 32; p = parentOf(p), hops++) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Whether an ancestor's command line names {@code text} (a PostgreSQL backend under this stack's postmaster). */
    private static boolean ancestorNames(long pid, String text) {
        for (long p = parentOf(pid), hops = 0; p > 1 && hops < 8; p = parentOf(p), hops++) {
            try {
                String cmd = new String(Files.readAllBytes(Path.of("/proc/" + p + "/cmdline")), StandardCharsets.UTF_8);
                if (cmd.contains(text)) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return false;
    }
}
