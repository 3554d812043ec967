package io.chariot.load;

import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.projections.redis.CountBuckets;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "The limit": each store's raw batched write rate for records shaped like the asset read model's, written the
 * fastest plain way the store offers, without the projections' sequence guards. Each writes into scratch space
 * (its own table, label or key prefix) that is removed afterwards.
 * <ul>
 *     <li>DynamoDB: BatchWriteItem of 25 PutRequests (unprocessed items retried) into a table created by
 *     {@link ChariotTable#createIfMissing()} — the same key schema and four GSIs as a generation's table — of
 *     asset-shaped items (the attributes {@code AssetDiscovered} writes, ~600 B);</li>
 *     <li>Neo4j: {@code UNWIND $rows MERGE (n:Label {uid}) SET n += props} in batches, on a label with the same uid
 *     constraint and tenant index as {@code GraphSchema}, asset-shaped properties;</li>
 *     <li>Redis: pipelined per record one HSET of its state ({@code seq|status=..;class=..;source=..}) and three
 *     HINCRBY of its tenant's count buckets — what the counts script does for a new asset, without the script.</li>
 * </ul>
 */
final class RawStoreWrites {

    record Result(String store, String unit, long records, double seconds, double medianPerSecond, int threads,
                  int batch, CpuAccounting.Usage cpu) {
        double rate() {
            return seconds <= 0 ? 0 : records / seconds;
        }
    }

    /** One batch; returns the records written. */
    @FunctionalInterface
    interface Batch {
        long write(int worker, long batchNumber) throws Exception;
    }

    private final List<String> tenants;
    private final int threads;
    private final Duration warmup;
    private final Duration duration;
    private final int progressSeconds;
    private final String scratch = "bench_raw_" + ProcessHandle.current().pid();

    RawStoreWrites(List<String> tenants, int threads, Duration warmup, Duration duration, int progressSeconds) {
        this.tenants = tenants;
        this.threads = threads;
        this.warmup = warmup;
        this.duration = duration;
        this.progressSeconds = progressSeconds;
    }

    // ------------------------------------------------------------------------------------------------ DynamoDB

    Result dynamodb(DynamoDbClient dynamo) throws Exception {
        ChariotTable table = new ChariotTable(dynamo, "chariot." + scratch);
        table.createIfMissing();
        try {
            return run("dynamodb", "items/s", 25, (worker, n) -> {
                List<WriteRequest> requests = new ArrayList<>(25);
                for (int i = 0; i < 25; i++) {
                    requests.add(WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(dynamoItem(worker, n * 25 + i)).build()).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(table.name(), requests);
                int attempts = 0;
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> send = pending;
                    BatchWriteItemResponse r = dynamo.batchWriteItem(b -> b.requestItems(send));
                    if (!r.hasUnprocessedItems() || r.unprocessedItems().isEmpty()) {
                        break;
                    }
                    pending = r.unprocessedItems();
                    Thread.sleep(Math.min(100, 5L << Math.min(attempts++, 4)));
                }
                return 25;
            });
        } finally {
            table.drop();
        }
    }

    private Map<String, AttributeValue> dynamoItem(int worker, long n) {
        String tenant = tenants.get((int) (n % tenants.size()));
        String name = "10." + worker + "." + ((n >> 8) & 255) + "." + (n & 255);
        String dns = "raw-" + worker + "-" + (n / 50) + ".example.com";
        String at = Instant.now().toString();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("username", AttributeValue.fromS(tenant));
        item.put("key", AttributeValue.fromS("#asset#" + dns + "#" + name + "#" + n));
        item.put("dns", AttributeValue.fromS(dns));
        item.put("name", AttributeValue.fromS(name));
        item.put("group", AttributeValue.fromS(dns));
        item.put("identifier", AttributeValue.fromS(name));
        item.put("class", AttributeValue.fromS("ipv4"));
        item.put("private", AttributeValue.fromBool(false));
        item.put("status", AttributeValue.fromS("A"));
        item.put("source", AttributeValue.fromS("self"));
        item.put("origin", AttributeValue.fromS("scanner"));
        item.put("attackSurface", AttributeValue.fromL(List.of(AttributeValue.fromS("external"))));
        item.put("created", AttributeValue.fromS(at));
        item.put("visited", AttributeValue.fromS(at));
        item.put("updated", AttributeValue.fromS(at));
        item.put("ttl", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 2_592_000)));
        item.put("history", AttributeValue.fromL(List.of()));
        item.put("_seq", AttributeValue.fromN("0"));
        return item;
    }

    // ------------------------------------------------------------------------------------------------ Neo4j

    Result neo4j(Driver driver, int batch) throws Exception {
        String label = "BenchRaw" + ProcessHandle.current().pid();
        try (Session s = driver.session()) {
            s.run("CREATE CONSTRAINT " + label.toLowerCase() + "_uid IF NOT EXISTS FOR (n:" + label
                    + ") REQUIRE n.uid IS UNIQUE").consume();
            s.run("CREATE INDEX " + label.toLowerCase() + "_tenant IF NOT EXISTS FOR (n:" + label
                    + ") ON (n.username, n.key)").consume();
            s.run("CALL db.awaitIndexes(60)").consume();
        }
        String cypher = "UNWIND $rows AS row MERGE (n:" + label + " {uid: row.uid}) SET n += row.props";
        try {
            return run("neo4j", "nodes/s", batch, (worker, n) -> {
                List<Map<String, Object>> rows = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    long id = n * batch + i;
                    Map<String, Object> props = neo4jProps(worker, id);
                    rows.add(Map.of("uid", props.get("username") + (String) props.get("key"), "props", props));
                }
                try (Session s = driver.session()) {
                    s.executeWrite(tx -> tx.run(cypher, Map.of("rows", rows)).consume());
                }
                return batch;
            });
        } finally {
            try (Session s = driver.session()) {
                s.run("MATCH (n:" + label + ") CALL { WITH n DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
                s.run("DROP CONSTRAINT " + label.toLowerCase() + "_uid IF EXISTS").consume();
                s.run("DROP INDEX " + label.toLowerCase() + "_tenant IF EXISTS").consume();
            }
        }
    }

    private Map<String, Object> neo4jProps(int worker, long n) {
        String tenant = tenants.get((int) (n % tenants.size()));
        String name = "10." + worker + "." + ((n >> 8) & 255) + "." + (n & 255);
        String dns = "raw-" + worker + "-" + (n / 50) + ".example.com";
        String at = Instant.now().toString();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("username", tenant);
        props.put("key", "#asset#" + dns + "#" + name + "#" + n);
        props.put("dns", dns);
        props.put("name", name);
        props.put("group", dns);
        props.put("identifier", name);
        props.put("class", "ipv4");
        props.put("private", false);
        props.put("status", "A");
        props.put("source", "self");
        props.put("origin", "scanner");
        props.put("attackSurface", List.of("external"));
        props.put("created", at);
        props.put("visited", at);
        props.put("updated", at);
        props.put("ttl", Instant.now().getEpochSecond() + 2_592_000);
        props.put("history", "[]");
        props.put("_seq", 0L);
        return props;
    }

    // ------------------------------------------------------------------------------------------------ Redis

    Result redis(String url, int batch) throws Exception {
        String prefix = "chariot:" + scratch + ":";
        List<Jedis> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            connections.add(new Jedis(URI.create(url)));
        }
        try {
            return run("redis", "records/s", batch, (worker, n) -> {
                Pipeline p = connections.get(worker).pipelined();
                for (int i = 0; i < batch; i++) {
                    long id = n * batch + i;
                    String tenant = tenants.get((int) (id % tenants.size()));
                    String counts = prefix + "counts:{" + tenant + "}:asset";
                    p.hset(prefix + "state:{" + tenant + "}:asset", "#asset#raw-" + worker + "-" + id + ".example.com#h",
                            "0|status=A;class=domain;source=self");
                    p.hincrBy(counts, "status:A", 1);
                    p.hincrBy(counts, "class:domain", 1);
                    p.hincrBy(counts, "source:self", 1);
                }
                p.sync();
                return batch;
            });
        } finally {
            try (Jedis j = connections.get(0)) {
                for (String area : List.of("state", "counts")) {
                    for (String tenant : tenants) {
                        j.unlink(prefix + area + ":{" + tenant + "}:asset");
                    }
                }
            }
            connections.forEach(Jedis::close);
        }
    }

    /**
     * Not a limit of Redis but of the counts script: the projections' own {@code apply-dimensions.lua}, pipelined
     * (EVALSHA for new records, batches of {@code batch}) — the ceiling for CountBuckets' replay pipelines.
     */
    Result redisScript(String url, int batch) throws Exception {
        String prefix = "chariot:" + scratch + "s:";
        String script;
        try (var in = CountBuckets.class.getResourceAsStream("apply-dimensions.lua")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Jedis> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            connections.add(new Jedis(URI.create(url)));
        }
        String sha = connections.get(0).scriptLoad(script);
        try {
            return run("redis-script", "script calls/s", batch, (worker, n) -> {
                Pipeline p = connections.get(worker).pipelined();
                for (int i = 0; i < batch; i++) {
                    long id = n * batch + i;
                    String tenant = tenants.get((int) (id % tenants.size()));
                    p.evalsha(sha, List.of(prefix + "state:{" + tenant + "}:asset", prefix + "counts:{" + tenant + "}:asset"),
                            List.of("#asset#raw-" + worker + "-" + id + ".example.com#h", "0", "set", "status=A",
                                    "class=domain", "source=self"));
                }
                p.sync();
                return batch;
            });
        } finally {
            try (Jedis j = connections.get(0)) {
                for (String area : List.of("state", "counts")) {
                    for (String tenant : tenants) {
                        j.unlink(prefix + area + ":{" + tenant + "}:asset");
                    }
                }
            }
            connections.forEach(Jedis::close);
        }
    }

    // ------------------------------------------------------------------------------------------------ unbatched

    /**
     * The same records one write per request (DynamoDB PutItem, one Neo4j transaction per node, one synchronous
     * EVALSHA of the counts script per record): how much of the gap between a rebuild and the batch rate is the
     * batching alone.
     */
    Result unbatched(String store, DynamoDbClient dynamo, Driver driver, String redisUrl) throws Exception {
        switch (store) {
            case "dynamodb" -> {
                ChariotTable table = new ChariotTable(dynamo, "chariot." + scratch + "_single");
                table.createIfMissing();
                try {
                    return run("dynamodb-single", "items/s", 1, (worker, n) -> {
                        dynamo.putItem(b -> b.tableName(table.name()).item(dynamoItem(worker, n)));
                        return 1;
                    });
                } finally {
                    table.drop();
                }
            }
            case "neo4j" -> {
                String label = "BenchRawSingle" + ProcessHandle.current().pid();
                try (Session s = driver.session()) {
                    s.run("CREATE CONSTRAINT " + label.toLowerCase() + "_uid IF NOT EXISTS FOR (n:" + label
                            + ") REQUIRE n.uid IS UNIQUE").consume();
                    s.run("CALL db.awaitIndexes(60)").consume();
                }
                String cypher = "MERGE (n:" + label + " {uid: $uid}) SET n += $props";
                try {
                    return run("neo4j-single", "nodes/s", 1, (worker, n) -> {
                        Map<String, Object> props = neo4jProps(worker, n);
                        try (Session s = driver.session()) {
                            s.executeWrite(tx -> tx.run(cypher, Map.of("uid", props.get("username") + (String) props.get("key"),
                                    "props", props)).consume());
                        }
                        return 1;
                    });
                } finally {
                    try (Session s = driver.session()) {
                        s.run("MATCH (n:" + label + ") CALL { WITH n DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
                        s.run("DROP CONSTRAINT " + label.toLowerCase() + "_uid IF EXISTS").consume();
                    }
                }
            }
            default -> {
                String prefix = "chariot:" + scratch + "u:";
                String script;
                try (var in = CountBuckets.class.getResourceAsStream("apply-dimensions.lua")) {
                    script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                List<Jedis> connections = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    connections.add(new Jedis(URI.create(redisUrl)));
                }
                String sha = connections.get(0).scriptLoad(script);
                try {
                    return run("redis-script-single", "script calls/s", 1, (worker, n) -> {
                        String tenant = tenants.get((int) (n % tenants.size()));
                        connections.get(worker).evalsha(sha, List.of(prefix + "state:{" + tenant + "}:asset",
                                        prefix + "counts:{" + tenant + "}:asset"),
                                List.of("#asset#raw-" + worker + "-" + n + ".example.com#h", "0", "set", "status=A",
                                        "class=domain", "source=self"));
                        return 1;
                    });
                } finally {
                    for (String area : List.of("state", "counts")) {
                        for (String tenant : tenants) {
                            connections.get(0).unlink(prefix + area + ":{" + tenant + "}:asset");
                        }
                    }
                    connections.forEach(Jedis::close);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ runner

    /**
     * Warm-up, then {@code threads} closed loops of batches; the rate counts the batches that completed inside the
     * measured window (one in-flight batch per thread at each edge, counted at one end and not at the other).
     */
    private Result run(String store, String unit, int batch, Batch call) throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long warmEnd = System.nanoTime() + warmup.toNanos();
        long end = warmEnd + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end && failure.get() == null) {
                        long n = call.write(worker, batches.getAndIncrement());
                        long now = System.nanoTime();
                        if (now >= warmEnd && now < end) {
                            written.addAndGet(n);
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "raw-" + store + "-" + w);
            workers.add(t);
        }
        System.err.printf("-- raw %s: %d threads, batches of %d, %d s warm-up + %d s ...%n", store, threads, batch,
                warmup.toSeconds(), duration.toSeconds());
        workers.forEach(Thread::start);
        long sleep = warmEnd - System.nanoTime();
        if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000);
        }
        CpuAccounting.Snapshot cpu = CpuAccounting.snapshot();
        RateMeter meter = RateMeter.of("raw " + store, written, progressSeconds, 0);
        long left = end - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
        CpuAccounting.Usage usage = CpuAccounting.since(cpu);
        meter.close();
        for (Thread t : workers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("raw " + store + " writes failed: " + failure.get(), failure.get());
        }
        return new Result(store, unit, written.get(), duration.toNanos() / 1e9, meter.medianPerSecond(), threads,
                batch, usage);
    }
}
