package io.chariot.migration.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.migration.mapping.ImportPlan;
import io.chariot.migration.mapping.Planner;
import io.chariot.migration.source.ExportFolder;
import io.chariot.migration.source.Json;
import io.chariot.migration.store.EventStore;
import io.chariot.migration.store.Importer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The import benchmark behind BENCHMARKS.md (a program, not a test): generates an export of at least
 * {@code --records} legacy records, measures the raw batch-insert rate of the same PostgreSQL into a table shaped
 * like the event store (same row count, same writers, same batch size), imports the export with the replayer into
 * the running stack's event store, and (with {@code --api} and an operator key) the time until every projection's
 * lag is back to 0. Usage: {@code MigrationBenchmark STACK_WORK_DIR [--records N] [--writers N] [--api URL KEY_ID
 * KEY_SECRET]}.
 */
public final class MigrationBenchmark {

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path stackDir = Path.of(args[0]);
        long wanted = 500_000;
        int writers = 2;
        String api = null;
        String keyId = null;
        String keySecret = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> wanted = Long.parseLong(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--api" -> {
                    api = args[++i];
                    keyId = args[++i];
                    keySecret = args[++i];
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        StackEndpoints stack = StackEndpoints.readIfPresent(stackDir).map(e -> e.overlay(System.getenv()))
                .orElseThrow(() -> new IllegalStateException("no stack endpoints in " + stackDir));
        int tenants = 8;
        int assetsPerTenant = (int) Math.ceil(wanted / 3.83 / tenants);
        Path dir = Files.createTempDirectory("migration-bench");
        long t0 = System.nanoTime();
        GeneratedExport export = new GeneratedExport(42, tenants, assetsPerTenant, 1000, false);
        GeneratedExport.Written written = export.write(dir);
        System.out.printf(Locale.ROOT, "generated %,d legacy records and %,d edges (%d tenants) in %.1f s%n",
                written.records(), written.edges(), tenants, secs(t0));

        long t1 = System.nanoTime();
        ImportPlan plan = Planner.plan(ExportFolder.read(dir));
        double planSeconds = secs(t1);
        System.out.printf(Locale.ROOT, "read and planned: %,d records -> %,d events in %,d aggregates in %.1f s "
                + "(%,.0f records/s)%n", plan.records(), plan.events(), plan.units.size(), planSeconds,
                plan.records() / planSeconds);

        double raw = rawInserts(stack, plan.events(), writers);

        try (EventStore store = new EventStore(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword(),
                writers + 1)) {
            store.ensureSchema();
            Importer importer = new Importer(store, new Importer.Options(2000, writers, 0));
            long t2 = System.nanoTime();
            Importer.Result result = importer.run(plan, done -> { });
            double importSeconds = secs(t2);
            long end = System.nanoTime();
            double eventsPerSecond = result.eventsAppended() / importSeconds;
            System.out.printf(Locale.ROOT, "import: %,d events for %,d records in %.1f s = %,.0f records/s, %,.0f "
                            + "events/s (%d writers, 2,000 events per transaction); with reading and planning "
                            + "%,.0f records/s%n", result.eventsAppended(), result.recordsDone(), importSeconds,
                    result.recordsDone() / importSeconds, eventsPerSecond, writers,
                    result.recordsDone() / (importSeconds + planSeconds));
            System.out.printf(Locale.ROOT, "ratio import events/s / raw rows/s = %,.0f / %,.0f = %.2f%n",
                    eventsPerSecond, raw, eventsPerSecond / raw);
            if (api != null) {
                catchUp(api, keyId, keySecret, end);
            }
        }
    }

    /** Rows/s of plain multi-row batch inserts into a copy of the event table, as the import writes them. */
    private static double rawInserts(StackEndpoints stack, long rows, int writers) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", stack.postgresUser());
        props.setProperty("password", stack.postgresPassword());
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(stack.postgresJdbcUrl(), props)) {
            c.createStatement().execute("DROP TABLE IF EXISTS bench_raw_events");
            c.createStatement().execute("CREATE TABLE bench_raw_events (LIKE domainevententry INCLUDING ALL)");
        }
        byte[] payload = new byte[420];
        byte[] meta = new byte[120];
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            Future<?>[] futures = new Future<?>[writers];
            for (int w = 0; w < writers; w++) {
                futures[w] = pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(stack.postgresJdbcUrl(), props)) {
                        c.setAutoCommit(false);
                        PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw_events (aggregateIdentifier, "
                                + "sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision, "
                                + "payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                        long from;
                        while ((from = next.getAndAdd(2000)) < rows) {
                            for (long i = from; i < Math.min(rows, from + 2000); i++) {
                                ps.setString(1, "owner@bench.example#asset#bench.example#host" + (i / 3));
                                ps.setLong(2, i % 3);
                                ps.setString(3, "Asset");
                                ps.setString(4, UUID.randomUUID().toString());
                                ps.setBytes(5, meta);
                                ps.setBytes(6, payload);
                                ps.setString(7, "1");
                                ps.setString(8, "io.chariot.api.asset.AssetEvents$AssetStatusChanged");
                                ps.setString(9, "2026-11-29T00:00:00Z");
                                ps.addBatch();
                            }
                            ps.executeBatch();
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
        try (Connection c = DriverManager.getConnection(stack.postgresJdbcUrl(), props)) {
            c.createStatement().execute("DROP TABLE bench_raw_events");
        }
        double rate = rows / seconds;
        System.out.printf(Locale.ROOT, "raw batch inserts: %,d rows (420 B payload) in %.1f s = %,.0f rows/s (%d "
                + "writers, 2,000 rows per transaction)%n", rows, seconds, rate, writers);
        return rate;
    }

    /** Polls the admin API until every projection's lag is 0 twice in a row; prints how long after the import. */
    private static void catchUp(String api, String keyId, String keySecret, long importEnd) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(api + "/token"))
                .header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", keySecret).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("token").asText();
        int zeroInARow = 0;
        long maxLag = 0;
        while (zeroInARow < 2) {
            JsonNode list = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(api
                    + "/admin/projections")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            long lag = 0;
            for (JsonNode p : list.path("projections")) {
                lag += p.path("lag").asLong(0);
            }
            maxLag = Math.max(maxLag, lag);
            zeroInARow = lag == 0 ? zeroInARow + 1 : 0;
            Thread.sleep(1000);
        }
        System.out.printf(Locale.ROOT, "read models caught up %.0f s after the import ended (largest summed lag "
                + "seen: %,d events)%n", secs(importEnd) - 1, maxLag);
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
