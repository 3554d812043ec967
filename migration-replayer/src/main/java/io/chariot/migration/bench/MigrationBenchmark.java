package io.chariot.migration.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.migration.mapping.ImportPlan;
import io.chariot.migration.mapping.Planner;
import io.chariot.migration.source.ExportFolder;
import io.chariot.migration.source.Json;
import io.chariot.migration.store.EventCopy;
import io.chariot.migration.store.EventStore;
import io.chariot.migration.store.Importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The import benchmark behind BENCHMARKS.md (a program, not a test), against a running stack
 * ({@code ./chariot up --work-dir DIR}):
 * <ol>
 *   <li>{@code --runs} times: generate an export of at least {@code --records} legacy records (other tenants each
 *   run), then in a scratch schema {@code migration_bench} of the same PostgreSQL (an event table like the
 *   platform's, which the platform does not read) the raw batch-insert rate of as many rows as the import appends
 *   (same writers, same rows per transaction), then the import itself. Medians of the runs.</li>
 *   <li>with {@code --api URL KEY_ID KEY_SECRET} (an operator's key): a {@code --catch-up-records} export imported
 *   into the platform's own event store, and the time until the Kafka publisher has published its last event and
 *   every projection's lag is back to 0 (at most {@code --catch-up-max-seconds}; what is left is printed when the
 *   cap is hit). {@code --runs 0} measures only this; {@code --catch-up-records 0} skips it.</li>
 * </ol>
 * Usage: {@code MigrationBenchmark STACK_WORK_DIR [--records N] [--runs N] [--writers N] [--api URL KEY_ID
 * KEY_SECRET [--catch-up-records N] [--catch-up-max-seconds S]]}.
 */
public final class MigrationBenchmark {

    private static final String SCHEMA = "migration_bench";
    private static final int BATCH = 2000;
    private static final String RAW_COPY = "COPY bench_raw_copy (eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "type, timeStamp, payloadType, payloadRevision, payload, metaData) FROM STDIN (FORMAT binary)";
    /** The processing group of Axon's Kafka publisher (the platform's event store → Kafka step). */
    private static final String KAFKA_PUBLISHER = "__axon-kafka-event-publishing-group";
    /** The platform's event table (platform/src/main/resources/db/migration/V1), with its own sequence. */
    private static final String EVENT_TABLE = """
            (globalIndex BIGSERIAL NOT NULL, aggregateIdentifier TEXT NOT NULL, sequenceNumber BIGINT NOT NULL,
             type VARCHAR(255), eventIdentifier VARCHAR(255) NOT NULL, metaData BYTEA, payload BYTEA NOT NULL,
             payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL, timeStamp VARCHAR(255) NOT NULL,
             PRIMARY KEY (globalIndex), UNIQUE (aggregateIdentifier, sequenceNumber), UNIQUE (eventIdentifier))""";

    /** PostgreSQL's and this JVM's CPU time (null when /proc cannot tell). */
    private static CpuClock cpu;

    private MigrationBenchmark() {
    }

    /** CPU seconds of the benchmark's JVM and of PostgreSQL during one phase. */
    private record Cpu(double jvm, double postgres) {
        double total() {
            return jvm + postgres;
        }
    }

    /**
     * @param importCpu       CPU the import took (benchmark JVM and PostgreSQL)
     * @param rawCpuPerRow    CPU seconds per row of the raw batch inserts
     * @param rawCopyCpuPerRow CPU seconds per row of the raw COPY
     */
    private record Run(long records, long events, double importSeconds, double rawRowsPerSecond,
                       double rawCopyRowsPerSecond, Cpu importCpu, double rawCpuPerRow, double rawCopyCpuPerRow) {
        double recordsPerSecond() {
            return records / importSeconds;
        }

        double eventsPerSecond() {
            return events / importSeconds;
        }

        double ratio() {
            return eventsPerSecond() / rawRowsPerSecond;
        }

        double copyRatio() {
            return eventsPerSecond() / rawCopyRowsPerSecond;
        }

        /** Legacy records per CPU second (both processes): what two idle cores would take, twice this. */
        double recordsPerCpuSecond() {
            return importCpu == null ? Double.NaN : records / importCpu.total();
        }

        /** The raw batch inserts' CPU per row over the import's CPU per event. */
        double cpuRatio() {
            return importCpu == null ? Double.NaN : rawCpuPerRow / (importCpu.total() / events);
        }

        double copyCpuRatio() {
            return importCpu == null ? Double.NaN : rawCopyCpuPerRow / (importCpu.total() / events);
        }
    }

    public static void main(String[] args) throws Exception {
        Path stackDir = Path.of(args[0]);
        long wanted = 500_000;
        int runs = 3;
        int writers = 2;
        String api = null;
        String keyId = null;
        String keySecret = null;
        long catchUpRecords = 50_000;
        long catchUpMaxSeconds = 1800;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> wanted = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--catch-up-records" -> catchUpRecords = Long.parseLong(args[++i]);
                case "--catch-up-max-seconds" -> catchUpMaxSeconds = Long.parseLong(args[++i]);
                case "--api" -> {
                    api = args[++i];
                    keyId = args[++i];
                    keySecret = args[++i];
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        cpu = CpuClock.of(stackDir);
        StackEndpoints stack = StackEndpoints.readIfPresent(stackDir).map(e -> e.overlay(System.getenv()))
                .orElseThrow(() -> new IllegalStateException("no stack endpoints in " + stackDir));
        String runTag = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<Run> results = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            System.out.printf(Locale.ROOT, "--- run %d of %d%n", r, runs);
            ImportPlan plan = generate(wanted, 42 + r, "b" + runTag + "r" + r + "-");
            resetScratchSchema(stack);
            double[] raw = rawRows(stack, plan.events(), writers, false);
            double[] rawCopy = rawRows(stack, plan.events(), writers, true);
            try (EventStore store = new EventStore(scratchUrl(stack), stack.postgresUser(),
                    stack.postgresPassword(), writers + 1)) {
                store.ensureSchema();
                results.add(importPlan(store, plan, writers, raw, rawCopy));
            }
        }
        dropScratchSchema(stack);
        if (runs > 0) {
            System.out.printf(Locale.ROOT, "median of %d runs: %,.0f records/s, %,.0f events/s; raw batch inserts "
                    + "%,.0f rows/s (ratio %.2f); raw COPY %,.0f rows/s (ratio %.2f)%n", runs,
                    median(results, Run::recordsPerSecond), median(results, Run::eventsPerSecond),
                    median(results, Run::rawRowsPerSecond), median(results, Run::ratio),
                    median(results, Run::rawCopyRowsPerSecond), median(results, Run::copyRatio));
            if (cpu != null) {
                System.out.printf(Locale.ROOT, "median CPU: %,.0f records per CPU second (benchmark JVM and "
                        + "PostgreSQL; 2 idle cores: ~%,.0f records/s); CPU ratio to raw batch inserts %.2f, to raw COPY "
                        + "%.2f%n", median(results, Run::recordsPerCpuSecond), 2 * median(results,
                        Run::recordsPerCpuSecond), median(results, Run::cpuRatio), median(results, Run::copyCpuRatio));
            }
        }

        if (api != null && catchUpRecords > 0) {
            System.out.println("--- catch-up: an import into the platform's event store");
            ImportPlan plan = generate(catchUpRecords, 7, "c" + runTag + "-");
            // the platform's own store: tenants' data keys wrapped with the platform's master key, which `./chariot
            // up` derives from the work dir's JWT secret (the stack dir's parent), as `migrate run` finds it
            try (EventStore store = new EventStore(stack.postgresJdbcUrl(), stack.postgresUser(),
                    stack.postgresPassword(), writers + 1,
                    EventStore.masterKey(System.getenv(), stackDir.toAbsolutePath().getParent()))) {
                store.ensureSchema();
                importPlan(store, plan, writers, null, null);
                catchUp(store, api, keyId, keySecret, System.nanoTime(), plan.events(), catchUpMaxSeconds);
            }
        }
    }

    private static ImportPlan generate(long records, long seed, String tenantPrefix) throws IOException {
        int tenants = 8;
        int assetsPerTenant = (int) Math.ceil(records / 3.83 / tenants);
        Path dir = Files.createTempDirectory("migration-bench");
        try {
            long t0 = System.nanoTime();
            GeneratedExport.Written written = new GeneratedExport(seed, tenants, assetsPerTenant, 1000, false,
                    tenantPrefix).write(dir);
            System.out.printf(Locale.ROOT, "generated %,d legacy records and %,d edges (%d tenants %s…) in %.1f s%n",
                    written.records(), written.edges(), tenants, tenantPrefix, secs(t0));
            long t1 = System.nanoTime();
            double cpu0 = CpuClock.jvmSeconds();
            ImportPlan plan = Planner.plan(ExportFolder.read(dir));
            double planSeconds = secs(t1);
            double planCpu = CpuClock.jvmSeconds() - cpu0;
            System.out.printf(Locale.ROOT, "read and planned: %,d records -> %,d events in %,d aggregates in %.1f s "
                    + "(%,.0f records/s; CPU %.1f s = %,.0f records per CPU second)%n", plan.records(), plan.events(),
                    plan.units.size(), planSeconds, plan.records() / planSeconds, planCpu,
                    plan.records() / planCpu);
            return plan;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Run importPlan(EventStore store, ImportPlan plan, int writers, double[] raw, double[] rawCopy)
            throws Exception {
        Importer importer = new Importer(store, new Importer.Options(BATCH, writers, 0));
        Cpu before = cpuNow();
        long started = System.nanoTime();
        Importer.Result result = importer.run(plan, done -> { });
        double seconds = secs(started);
        Cpu used = cpuSince(before);
        Run run = new Run(result.recordsDone(), result.eventsAppended(), seconds, raw == null ? Double.NaN : raw[0],
                rawCopy == null ? Double.NaN : rawCopy[0], used, raw == null ? Double.NaN : raw[1],
                rawCopy == null ? Double.NaN : rawCopy[1]);
        System.out.printf(Locale.ROOT, "import: %,d events for %,d records in %.1f s = %,.0f records/s, %,.0f "
                        + "events/s (%d writers, %,d events per transaction)%s%n", run.events(), run.records(),
                run.importSeconds(), run.recordsPerSecond(), run.eventsPerSecond(), writers, BATCH,
                raw == null ? "" : String.format(Locale.ROOT, "; ratio to raw batch inserts %.2f, to raw "
                        + "COPY %.2f", run.ratio(), run.copyRatio()));
        if (used != null) {
            System.out.printf(Locale.ROOT, "  import CPU: benchmark JVM %.1f s, PostgreSQL %.1f s = %,.0f records per "
                    + "CPU second%s%n", used.jvm(), used.postgres(), run.recordsPerCpuSecond(), raw == null ? ""
                    : String.format(Locale.ROOT, "; CPU ratio to raw batch inserts %.2f, to raw COPY %.2f",
                    run.cpuRatio(), run.copyCpuRatio()));
        }
        return run;
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] values = runs.stream().mapToDouble(f).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String scratchUrl(StackEndpoints stack) {
        String url = stack.postgresJdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    private static Connection connect(StackEndpoints stack) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", stack.postgresUser());
        props.setProperty("password", stack.postgresPassword());
        props.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(scratchUrl(stack), props);
    }

    private static void resetScratchSchema(StackEndpoints stack) throws SQLException {
        try (Connection c = connect(stack)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            c.createStatement().execute("CREATE SCHEMA " + SCHEMA);
            c.createStatement().execute("CREATE TABLE " + SCHEMA + ".domainevententry " + EVENT_TABLE);
            c.createStatement().execute("CREATE TABLE " + SCHEMA + ".bench_raw_events " + EVENT_TABLE);
            c.createStatement().execute("CREATE TABLE " + SCHEMA + ".bench_raw_copy " + EVENT_TABLE);
            // the import encrypts personal fields under per-tenant keys (ADR 0019): its own key table, like the
            // platform's, so the benchmark's tenants leave no keys behind in the platform's
            c.createStatement().execute("CREATE TABLE " + SCHEMA + ".tenant_data_key (LIKE public.tenant_data_key "
                    + "INCLUDING ALL)");
            // The platform's own indexes beyond the keys (the explorer's, ADR 0013) on every scratch table: each
            // append maintains them, so the import and its raw limits pay what an import into the event store pays.
            List<String> indexes = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = "
                    + "'public' AND tablename = 'domainevententry' AND indexname NOT IN (SELECT conname FROM "
                    + "pg_constraint WHERE conrelid = 'public.domainevententry'::regclass)")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            for (String table : List.of("domainevententry", "bench_raw_events", "bench_raw_copy")) {
                for (String index : indexes) {
                    c.createStatement().execute(index.replaceFirst(
                            "^CREATE (UNIQUE )?INDEX \\S+ ON public\\.domainevententry ",
                            "CREATE $1INDEX ON " + SCHEMA + "." + table + " "));
                }
            }
            System.out.println("scratch event tables carry the event store's " + indexes.size()
                    + " further indexes");
        }
    }

    private static void dropScratchSchema(StackEndpoints stack) throws SQLException {
        try (Connection c = connect(stack)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    /**
     * Rows/s of plain rows written into a table shaped like the event table, as the import writes them: the same
     * writers and rows per transaction, either as multi-row batch inserts ({@code copy} false) or with one binary
     * {@code COPY} per transaction (what the import uses).
     */
    private static double[] rawRows(StackEndpoints stack, long rows, int writers, boolean copy) throws Exception {
        byte[] payload = new byte[420];
        byte[] meta = new byte[120];
        byte[] time = "2026-11-29T00:00:00.000Z".getBytes(StandardCharsets.UTF_8);
        String type = "io.chariot.api.asset.AssetEvents$AssetStatusChanged";
        AtomicLong next = new AtomicLong();
        Cpu before = cpuNow();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            Future<?>[] futures = new Future<?>[writers];
            for (int w = 0; w < writers; w++) {
                futures[w] = pool.submit(() -> {
                    try (Connection c = connect(stack)) {
                        c.setAutoCommit(false);
                        PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw_events (aggregateIdentifier, "
                                + "sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision, "
                                + "payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                        long from;
                        while ((from = next.getAndAdd(BATCH)) < rows) {
                            long to = Math.min(rows, from + BATCH);
                            if (copy) {
                                EventCopy.Encoder encoder = new EventCopy.Encoder((int) (to - from));
                                for (long i = from; i < to; i++) {
                                    encoder.row(UUID.randomUUID().toString(), "owner@bench.example#asset#bench.example"
                                            + "#host" + (i / 3), i % 3, "Asset", time, type, "1", payload, meta);
                                }
                                EventCopy.copy(c, RAW_COPY, encoder.finish());
                            } else {
                                for (long i = from; i < to; i++) {
                                    ps.setString(1, "owner@bench.example#asset#bench.example#host" + (i / 3));
                                    ps.setLong(2, i % 3);
                                    ps.setString(3, "Asset");
                                    ps.setString(4, UUID.randomUUID().toString());
                                    ps.setBytes(5, meta);
                                    ps.setBytes(6, payload);
                                    ps.setString(7, "1");
                                    ps.setString(8, type);
                                    ps.setString(9, "2026-11-29T00:00:00.000Z");
                                    ps.addBatch();
                                }
                                ps.executeBatch();
                            }
                            c.commit();
                        }
                    }
                    return null;
                });
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = secs(started);
        Cpu used = cpuSince(before);
        double rate = rows / seconds;
        System.out.printf(Locale.ROOT, "raw %s: %,d rows (420 B payload) in %.1f s = %,.0f rows/s (%d writers, %,d "
                + "rows per transaction)%s%n", copy ? "COPY" : "batch inserts", rows, seconds, rate, writers, BATCH,
                used == null ? "" : String.format(Locale.ROOT, "; CPU: benchmark JVM %.1f s, PostgreSQL %.1f s",
                        used.jvm(), used.postgres()));
        return new double[]{rate, used == null ? Double.NaN : used.total() / rows};
    }

    /**
     * Polls until the Kafka publisher has published the last imported event (its token in {@code tokenentry}) and
     * every projection's lag behind Kafka (admin API) is 0 twice in a row, or the cap; prints how long after the
     * import, and the progress every 30 s. The admin API's lag alone is behind Kafka only: it is 0 while events still
     * wait in the event store for the publisher.
     */
    private static void catchUp(EventStore store, String api, String keyId, String keySecret, long importEnd,
                                long events, long maxSeconds) throws Exception {
        long head = store.jdbc().queryForObject("SELECT max(globalIndex) FROM domainevententry", Long.class);
        HttpClient http = HttpClient.newHttpClient();
        String token = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(api + "/token"))
                .header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", keySecret).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("token").asText();
        long publishedAtStart = published(store);
        int doneInARow = 0;
        long lag = -1;
        long published = publishedAtStart;
        long lastPrint = 0;
        while (doneInARow < 2 && secs(importEnd) < maxSeconds) {
            JsonNode list = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(api
                    + "/admin/projections")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            lag = 0;
            for (JsonNode p : list.path("projections")) {
                lag += p.path("lag").asLong(0);
            }
            published = published(store);
            doneInARow = lag == 0 && published >= head ? doneInARow + 1 : 0;
            if (secs(importEnd) - lastPrint >= 30) {
                lastPrint = (long) secs(importEnd);
                System.out.printf(Locale.ROOT, "  %4d s after the import: published to Kafka up to %,d of %,d; "
                        + "projections' summed lag behind Kafka %,d%n", lastPrint, published, head, lag);
            }
            Thread.sleep(1000);
        }
        double seconds = secs(importEnd);
        double publishRate = (published - publishedAtStart) / seconds;
        if (doneInARow < 2) {
            System.out.printf(Locale.ROOT, "read models NOT caught up after %.0f s (cap): published up to %,d of %,d "
                    + "(%,.0f events/s), summed lag %,d (%,d events imported)%n", seconds, published, head,
                    publishRate, lag, events);
        } else {
            System.out.printf(Locale.ROOT, "read models caught up %.0f s after the import of %,d events ended "
                    + "(published %,.0f events/s)%n", seconds - 1, events, publishRate);
        }
    }

    /** The event store index the Kafka publisher has published up to (its tracking token). */
    private static long published(EventStore store) throws IOException {
        List<String> tokens = store.jdbc().queryForList("SELECT convert_from(token, 'UTF8') FROM tokenentry "
                + "WHERE processorName = ?", String.class, KAFKA_PUBLISHER);
        return tokens.isEmpty() || tokens.get(0) == null ? -1 : Json.MAPPER.readTree(tokens.get(0)).path("index")
                .asLong(-1);
    }

    private static Cpu cpuNow() throws IOException {
        return cpu == null ? null : new Cpu(CpuClock.jvmSeconds(), cpu.postgresSeconds());
    }

    private static Cpu cpuSince(Cpu before) throws IOException {
        Cpu now = cpuNow();
        return now == null ? null : new Cpu(now.jvm() - before.jvm(), now.postgres() - before.postgres());
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
