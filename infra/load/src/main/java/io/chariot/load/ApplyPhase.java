package io.chariot.load;

import io.chariot.infra.local.StackEndpoints;
import io.chariot.projections.instances.ScheduledPoll;

import java.io.IOException;
import java.io.UncheckedIOException;
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
     * One read model's catch-up: the records it had to apply at the first sample after it had started, and the
     * seconds from that sample until it had none left.
     */
    record ModelCatchUp(long backlog, double seconds) {

        double perSecond() {
            return seconds <= 0 ? Double.NaN : backlog / seconds;
        }
    }

    /**
     * One store's catch-up: the events its read models had to apply ({@code events}, the backlog in Kafka), the
     * seconds from the release until none of them had a record left (-1: not within the timeout), each read model's
     * own catch-up, and the CPU from release to done.
     */
    record Result(int round, String store, long events, double seconds, Map<String, ModelCatchUp> models,
                  CpuAccounting.Usage cpu) {

        /** The store's asset read model ({@code assets-<store>}): one write per asset event. */
        ModelCatchUp assets() {
            return models.get("assets-" + store);
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
            long events = head(db) - headBefore;
            line("   in Kafka: %s", eventsSince(db, headBefore));
            List<Result> results = new ArrayList<>();
            for (var store : byStore.entrySet()) {
                results.add(catchUp(db, round, store.getKey(), store.getValue(), events));
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

    private Result catchUp(Connection db, int round, String store, List<String> names, long events)
            throws Exception {
        CpuAccounting.Snapshot cpu0 = CpuAccounting.snapshot();
        long released = System.nanoTime();
        try (PreparedStatement s = db.prepareStatement(
                "DELETE FROM read_model_pause WHERE requested_by = ? AND processing_group = ANY(?)")) {
            s.setString(1, self);
            s.setArray(2, db.createArrayOf("varchar", names.toArray()));
            s.executeUpdate();
        }
        Map<String, long[]> started = new LinkedHashMap<>(); // name -> {nanos, backlog}
        Map<String, ModelCatchUp> done = new LinkedHashMap<>();
        long[] lastLine = {released};
        long[] at = new long[1];
        boolean caughtUp = ScheduledPoll.until(Duration.ofMillis(POLL_MILLIS), options.timeout(), () -> {
            ProjectionLag.Sample now = sample();
            at[0] = System.nanoTime();
            for (String name : names) {
                if (now.lagUnknown().contains(name) || done.containsKey(name)) {
                    continue;
                }
                long lag = now.byProjection().getOrDefault(name, 0L);
                long[] start = started.computeIfAbsent(name, n -> new long[] {at[0], lag});
                if (lag == 0) {
                    done.put(name, new ModelCatchUp(start[1], (at[0] - start[0]) / 1e9));
                }
            }
            if (done.size() < names.size() && at[0] - lastLine[0] > 10_000_000_000L) {
                lastLine[0] = at[0];
                line("   %s: %,d records left", store,
                        names.stream().mapToLong(n -> now.byProjection().getOrDefault(n, 0L)).sum());
            }
            return done.size() == names.size();
        });
        if (!caughtUp) {
            line("   %s: NOT caught up within %d s", store, options.timeout().toSeconds());
            return new Result(round, store, events, -1, done, CpuAccounting.since(cpu0));
        }
        double seconds = (at[0] - released) / 1e9;
        Map<String, ModelCatchUp> models = new LinkedHashMap<>();
        names.forEach(n -> models.put(n, done.get(n)));
        Result r = new Result(round, store, events, seconds, models, CpuAccounting.since(cpu0));
        ModelCatchUp assets = r.assets();
        line("   %s: all %d read models caught up %.1f s after the release%s; CPU %s", store, names.size(),
                seconds, assets == null ? "" : String.format(Locale.ROOT, " (assets-%s: %,d records in "
                        + "%.1f s, %,.0f/s)", store, assets.backlog(), assets.seconds(), assets.perSecond()),
                r.cpu().describe());
        return r;
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
    private void awaitStopped(List<String> groups) throws InterruptedException {
        List<List<String>> running = new ArrayList<>(List.of(groups));
        if (!ScheduledPoll.until(Duration.ofMillis(POLL_MILLIS), Duration.ofSeconds(60), () -> {
            ProjectionLag.Sample now = sample();
            running.set(0, groups.stream().filter(g -> !now.lagUnknown().contains(g)).toList());
            return running.get(0).isEmpty();
        })) {
            throw new IllegalStateException("the platform did not pause " + running.get(0) + " within 60 s");
        }
    }

    /** Until the publisher's token has reached the event store's head and the head stood still for 3 s. */
    private void awaitPublished(Connection db) throws InterruptedException {
        long[] head = {-1, System.nanoTime()}; // the head, and since when it stood still
        if (!ScheduledPoll.until(Duration.ofMillis(POLL_MILLIS), options.timeout(), () -> {
            try {
                long h = head(db);
                if (h != head[0]) {
                    head[0] = h;
                    head[1] = System.nanoTime();
                    return false;
                }
                return published(db) >= h && System.nanoTime() - head[1] > 3_000_000_000L;
            } catch (SQLException e) {
                throw new IllegalStateException("reading the event store's head failed: " + e.getMessage(), e);
            }
        })) {
            throw new IllegalStateException("the Kafka publisher did not reach the event store's head " + head[0]
                    + " within " + options.timeout().toSeconds() + " s");
        }
    }

    /** One look at the admin API's lag, for a scheduled check. */
    private ProjectionLag.Sample sample() {
        try {
            return projections.sample();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        long events = r.events();
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
            double rate = r.assets() == null ? Double.NaN : r.assets().perSecond();
            out.put(key + ".rate", fmt(rate));
            StepsPhase.Raw raw = rawOf(r.store(), raws);
            if (raw != null && raw.rate() > 0) {
                out.put(key + ".ratio", String.format(Locale.ROOT, "%.3f", rate / raw.rate()));
            }
        }
        return out;
    }

    static String markdown(List<Result> applied, List<StepsPhase.Raw> raws, String title, String machine,
                           String reproduce, long assets) {
        StringBuilder md = StepsPhase.markdownHead(title, machine);
        md.append(String.format(Locale.ROOT, "Every read model's processor paused (as for a rebuild), %,d new assets "
                + "written with respond-async and published to Kafka, then each store's read models released alone. "
                + "Each of them reads every record; an asset event is one write for the store's asset read model "
                + "(`assets-<store>`), whose rate is compared with the store's raw batched rate: from the first lag "
                + "sample after it had started until it had no record left (`GET /admin/projections` every %d ms). "
                + "\"All caught up\": from the release until every read model of the store had none left. Each round "
                + "starts with every store caught up; the first one also warms the JIT up.%n%n", assets, POLL_MILLIS));
        md.append("| Round | Store | Read models | All caught up, s | Asset read model: records, s | Asset events/s | "
                + "Raw batch rate | Live / raw | CPU ms per event: platform / store's server / all |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : applied) {
            StepsPhase.Raw raw = rawOf(r.store(), raws);
            double[] cpu = cpuPerEvent(r);
            ModelCatchUp a = r.assets();
            double rate = a == null ? Double.NaN : a.perSecond();
            md.append("| ").append(r.round()).append(" | ").append(r.store())
                    .append(" | ").append(r.models().size())
                    .append(" | ").append(r.seconds() < 0 ? "not caught up" : fmt(r.seconds()))
                    .append(" | ").append(a == null ? "—" : String.format(Locale.ROOT, "%,d, %.1f", a.backlog(), a.seconds()))
                    .append(" | ").append(String.format(Locale.ROOT, "%,.0f", rate))
                    .append(" | ").append(raw == null ? "—" : String.format(Locale.ROOT, "%,.0f %s", raw.rate(), raw.unit()))
                    .append(" | ").append(raw == null || raw.rate() <= 0 ? "—"
                            : String.format(Locale.ROOT, "**%.2f**", rate / raw.rate()))
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
