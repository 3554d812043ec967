package io.chariot.load;

import io.chariot.infra.local.StackEndpoints;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The {@code apply} phase (issue 14): how fast each store's <em>live</em> processors apply a backlog, against that
 * store's raw batched write rate. The driver asks the platform to stop every read model's processor the way another
 * instance asks before a rebuild (a row per group in {@code read_model_pause}, renewed while it holds it); writes
 * assets with {@code Prefer: respond-async}, so they wait in Kafka; waits until the publisher has sent them all; then
 * lets one store's read models go at a time and times their catch-up from the admin API's lag. Each store catches up
 * alone, as its raw rate is measured alone. The pauses are removed at the end, and expire on their own (the lease)
 * if the driver dies.
 */
final class ApplyPhase {

    /** The processing group of axon-kafka's publisher (event store → Kafka). */
    private static final String PUBLISHER = "__axon-kafka-event-publishing-group";
    private static final long POLL_MILLIS = 250;

    record Options(long assets, int concurrency, List<String> stores, Duration timeout) {
    }

    /**
     * One store's catch-up: its projections and the records each had to apply when the first of them had started,
     * the seconds from then until none had any left (-1: not within the timeout), and the CPU from release to done.
     */
    record Result(int round, String store, Map<String, Long> backlog, double seconds, CpuAccounting.Usage cpu) {

        long records() {
            return backlog.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Records each projection applied per second (they apply the same records side by side). */
        double perProjectionPerSecond() {
            return seconds <= 0 || backlog.isEmpty() ? Double.NaN : records() / (double) backlog.size() / seconds;
        }
    }

    private final Options options;
    private final StackEndpoints endpoints;
    private final ProjectionLag projections;
    private final String self = "asset-benchmark/" + ProcessHandle.current().pid();

    ApplyPhase(Options options, StackEndpoints endpoints, ProjectionLag projections) {
        this.options = options;
        this.endpoints = endpoints;
        this.projections = projections;
    }

    /** Pauses the read models, writes the backlog with {@code write}, then lets each store catch up alone. */
    List<Result> run(int round, AtomicLong sequence, LoadRunner.Call write) throws Exception {
        ProjectionLag.Sample before = projections.sample();
        Map<String, List<String>> byStore = new LinkedHashMap<>();
        for (String store : options.stores()) {
            List<String> names = before.storeOf().entrySet().stream().filter(e -> e.getValue().equals(store))
                    .map(Map.Entry::getKey).toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no read model of store " + store + " in GET /admin/projections");
            }
            byStore.put(store, names);
        }
        List<String> all = byStore.values().stream().flatMap(List::stream).toList();
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "apply-pause-renewal");
            t.setDaemon(true);
            return t;
        });
        try (Connection db = connect()) {
            pause(db, all);
            renewal.scheduleWithFixedDelay(this::renew, 2, 2, TimeUnit.SECONDS);
            awaitStopped(all);
            line("-- apply, round %d: %d read models paused (%s); writing %,d assets with respond-async, %d workers ...",
                    round, all.size(), String.join(", ", byStore.keySet()), options.assets(), options.concurrency());
            long headBefore = head(db);
            LoadRunner.Result put = LoadRunner.run("apply-backlog", options.concurrency(), Duration.ZERO,
                    options.assets(), sequence, write);
            line("   written: %,d ok, %d failed, %.0f commands/s", put.ok(), put.errors(), put.throughput());
            awaitPublished(db);
            line("   in Kafka: %s", eventsSince(db, headBefore));
            List<Result> results = new ArrayList<>();
            for (var store : byStore.entrySet()) {
                results.add(catchUp(db, round, store.getKey(), store.getValue()));
            }
            return results;
        } finally {
            renewal.shutdownNow();
            try (Connection db = connect(); PreparedStatement s = db.prepareStatement(
                    "DELETE FROM read_model_pause WHERE requested_by = ?")) {
                s.setString(1, self);
                s.executeUpdate();
            }
        }
    }

    private Result catchUp(Connection db, int round, String store, List<String> names) throws Exception {
        CpuAccounting.Snapshot cpu0 = CpuAccounting.snapshot();
        long released = System.nanoTime();
        try (PreparedStatement s = db.prepareStatement(
                "DELETE FROM read_model_pause WHERE requested_by = ? AND processing_group = ANY(?)")) {
            s.setString(1, self);
            s.setArray(2, db.createArrayOf("varchar", names.toArray()));
            s.executeUpdate();
        }
        long deadline = released + options.timeout().toNanos();
        Map<String, Long> backlog = null;
        long started = 0;
        long lastLine = released;
        while (System.nanoTime() < deadline) {
            ProjectionLag.Sample now = projections.sample();
            boolean known = names.stream().noneMatch(now.lagUnknown()::contains);
            long left = names.stream().mapToLong(n -> now.byProjection().getOrDefault(n, 0L)).sum();
            if (backlog == null && known) {
                started = System.nanoTime();
                backlog = names.stream().collect(Collectors.toMap(n -> n, n -> now.byProjection().get(n),
                        (a, b) -> a, LinkedHashMap::new));
                line("   %s: %d read models started %.1f s after the release, %,d records to apply", store,
                        names.size(), (started - released) / 1e9, left);
            } else if (backlog != null && known && left == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                Result r = new Result(round, store, backlog, seconds, CpuAccounting.since(cpu0));
                line("   %s: caught up in %.1f s — %,.0f records/s per read model, %,.0f summed; CPU %s", store,
                        seconds, r.perProjectionPerSecond(), r.records() / seconds, r.cpu().describe());
                return r;
            }
            if (System.nanoTime() - lastLine > 10_000_000_000L) {
                lastLine = System.nanoTime();
                line("   %s: %,d records left", store, left);
            }
            Thread.sleep(POLL_MILLIS);
        }
        line("   %s: NOT caught up within %d s", store, options.timeout().toSeconds());
        return new Result(round, store, backlog == null ? Map.of() : backlog, -1, CpuAccounting.since(cpu0));
    }

    private void pause(Connection db, List<String> groups) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO read_model_pause (processing_group, requested_by) "
                + "VALUES (?, ?) ON CONFLICT (processing_group) DO NOTHING")) {
            for (String group : groups) {
                s.setString(1, group);
                s.setString(2, self);
                if (s.executeUpdate() == 0) {
                    throw new IllegalStateException("read model " + group + " is paused by another instance already "
                            + "(a rebuild?); try again once it has finished");
                }
            }
        }
    }

    /** Keeps the pause requests inside their lease (the platform drops requests not renewed within 15 s). */
    private void renew() {
        try (Connection db = connect(); PreparedStatement s = db.prepareStatement(
                "UPDATE read_model_pause SET renewed_at = now() WHERE requested_by = ?")) {
            s.setString(1, self);
            s.executeUpdate();
        } catch (SQLException e) {
            System.err.println("apply: renewing the pauses failed: " + e.getMessage());
        }
    }

    /** A stopped processor has no segments, so the admin API knows no lag for it. */
    private void awaitStopped(List<String> groups) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ProjectionLag.Sample now = projections.sample();
            List<String> running = groups.stream().filter(g -> !now.lagUnknown().contains(g)).toList();
            if (running.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the platform did not pause " + running + " within 60 s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Until the publisher's token has reached the event store's head and the head stood still for 3 s. */
    private void awaitPublished(Connection db) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long head = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long h = head(db);
            if (h != head) {
                head = h;
                stillSince = System.nanoTime();
            } else if (published(db) >= head && System.nanoTime() - stillSince > 3_000_000_000L) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("the Kafka publisher did not reach the event store's head " + head
                + " within " + options.timeout().toSeconds() + " s");
    }

    private static long head(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(globalindex), -1) FROM domainevententry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long published(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = ?")) {
            s.setString(1, PUBLISHER);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return -1;
                }
                var index = java.util.regex.Pattern.compile("\"index\"\\s*:\\s*(\\d+)").matcher(rs.getString(1));
                return index.find() ? Long.parseLong(index.group(1)) : -1;
            }
        }
    }

    /** The events stored since {@code index}, by type: what the backlog in Kafka holds. */
    private static String eventsSince(Connection db, long index) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT payloadtype, count(*) FROM domainevententry "
                + "WHERE globalindex > ? GROUP BY payloadtype ORDER BY 2 DESC")) {
            s.setLong(1, index);
            List<String> parts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    parts.add(String.format(Locale.ROOT, "%,d %s", rs.getLong(2),
                            type.substring(type.lastIndexOf('.') + 1)));
                }
            }
            return String.join(", ", parts);
        }
    }

    /** The raw write rate this store is measured against (see {@link StepsPhase#rawRates}). */
    static StepsPhase.Raw rawOf(String store, List<StepsPhase.Raw> raws) {
        String name = switch (store) {
            case "dynamodb" -> "DynamoDB Local";
            case "neo4j" -> "Neo4j";
            case "redis" -> "Redis";
            default -> store;
        };
        return raws.stream().filter(r -> r.store().equals(name)).findFirst().orElse(null);
    }

    /** CPU ms per event of the backlog: the platform, the store's own server, and all processes but "other". */
    static double[] cpuPerEvent(Result r) {
        long events = r.backlog().isEmpty() ? 0 : r.records() / r.backlog().size();
        CpuAccounting.Usage cpu = r.cpu();
        double server = r.store().equals("redis") ? cpu.msPerRequest("redis", events)
                : cpu.stackServerMsPerRequest(r.store(), events);
        double total = 0;
        for (String group : CpuAccounting.GROUPS) {
            if (!group.equals("other")) {
                total += cpu.msPerRequest(group, events);
            }
        }
        return new double[] {cpu.msPerRequest("platform", events), server, total};
    }

    static Map<String, String> results(List<Result> applied, List<StepsPhase.Raw> raws) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Result r : applied) {
            String key = "apply." + r.round() + "." + r.store();
            out.put(key + ".seconds", fmt(r.seconds()));
            out.put(key + ".rate", fmt(r.perProjectionPerSecond()));
            StepsPhase.Raw raw = rawOf(r.store(), raws);
            if (raw != null && raw.rate() > 0) {
                out.put(key + ".ratio", String.format(Locale.ROOT, "%.3f",
                        r.perProjectionPerSecond() / raw.rate()));
            }
        }
        return out;
    }

    static String markdown(List<Result> applied, List<StepsPhase.Raw> raws, String title, String machine,
                           String reproduce, long assets) {
        StringBuilder md = new StringBuilder();
        md.append("\n----- Markdown summary (paste into BENCHMARKS.md) -----\n");
        md.append("#### ").append(title).append("\n\n");
        md.append("Machine: ").append(machine).append(". The load driver, the platform and all five servers share these "
                + "cores.\n\n");
        md.append(String.format(Locale.ROOT, "Every read model's processor paused (as for a rebuild), %,d new assets "
                + "written with respond-async and published to Kafka, then each store's read models released alone: "
                + "the time runs from the moment all of them had started until none had a record left (the admin "
                + "API's lag, every %d ms). Each of a store's read models reads every record; an asset event is one "
                + "write for the store's asset read model. Each round starts with every store caught up; the first one "
                + "also warms the platform's JIT up.%n%n", assets, POLL_MILLIS));
        md.append("| Round | Store | Read models | Records each | Catch-up s | Records/s per read model | Raw batch rate | "
                + "Live / raw | CPU ms per record: platform / store's server / all |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : applied) {
            StepsPhase.Raw raw = rawOf(r.store(), raws);
            double[] cpu = cpuPerEvent(r);
            long each = r.backlog().isEmpty() ? 0 : r.records() / r.backlog().size();
            md.append("| ").append(r.round()).append(" | ").append(r.store())
                    .append(" | ").append(r.backlog().size())
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", each))
                    .append(" | ").append(r.seconds() < 0 ? "not caught up" : fmt(r.seconds()))
                    .append(" | ").append(String.format(Locale.ROOT, "%,.0f", r.perProjectionPerSecond()))
                    .append(" | ").append(raw == null ? "—" : String.format(Locale.ROOT, "%,.0f %s", raw.rate(), raw.unit()))
                    .append(" | ").append(raw == null || raw.rate() <= 0 ? "—"
                            : String.format(Locale.ROOT, "**%.2f**", r.perProjectionPerSecond() / raw.rate()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f / %.2f / %.2f", cpu[0], cpu[1], cpu[2]))
                    .append(" |\n");
        }
        md.append("\nRaw rates in the same run: ").append(raws.stream().map(r -> String.format(Locale.ROOT,
                "%s %,.0f %s (%s)", r.store(), r.rate(), r.unit(), r.how())).collect(Collectors.joining("; ")))
                .append(".\n");
        if (reproduce != null && !reproduce.isBlank()) {
            md.append("\nReproduce: `").append(reproduce).append("`\n");
        }
        return md.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword());
    }

    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
