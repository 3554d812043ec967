package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.annotation.DirtiesContext;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes, per write endpoint: every write is followed at once by reads of what it wrote on every read
 * path that serves that record (GET /my from DynamoDB, POST /my from Neo4j, GET /my/count from Redis), many times
 * over, by several writers at the same time; not one read may miss its own write. Each writer has its own tenant, so
 * exact counts are known. Iterations per endpoint: {@code -Dchariot.ryw.iterations} (default 1,000), shared by
 * {@code -Dchariot.ryw.writers} concurrent writers (default 8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE) // last of the platform's ITs: its 24,000 writes would slow every replay test after it
// Closes the platform while the stack still runs. Left to JVM exit, the stack's and Spring's shutdown hooks raced: the
// platform's close then waited on a stopped PostgreSQL until Failsafe killed the JVM 30 s later.
@DirtiesContext
class ReadYourWritesIT extends PlatformIntegrationTest {

    private static final int WRITERS = Integer.getInteger("chariot.ryw.writers", 8);
    private static final int ITERATIONS = Integer.getInteger("chariot.ryw.iterations", 1_000);
    private static final int PER_WRITER = Math.max(1, ITERATIONS / WRITERS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Writer> writers = new ArrayList<>();
    private final Map<String, String> report = Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    /** One concurrent writer: its own tenant and what it has written so far. */
    private final class Writer {
        final ChariotClient client;
        final String dns;
        final Map<String, Long> counts = new ConcurrentHashMap<>();
        final Map<Integer, String> keys = new ConcurrentHashMap<>();
        /** The status of the writer's first asset, which the update case flips. */
        volatile String status0 = "A";

        Writer(int n) {
            client = newTenant();
            dns = "ryw" + n + ".example";
        }

        String ip(int i) {
            return "10.9." + (i / 250) + "." + (i % 250);
        }

        String asset(int i) {
            return "#asset#" + dns + "#" + ip(i);
        }
    }

    /** A read of the record written in iteration {@code i}; true when it shows that write. */
    private record Read(String path, BiPredicate<Writer, Integer> fresh) {
    }

    @BeforeAll
    void writers() {
        for (int n = 0; n < WRITERS; n++) {
            writers.add(new Writer(n));
        }
    }

    /**
     * Runs {@code PER_WRITER} iterations on every writer at once: write, then every read. Asserts every write
     * answered 2xx and no read was stale.
     */
    private void check(String endpoint, BiFunction<Writer, Integer, ChariotClient.Response> write, Read... reads)
            throws Exception {
        AtomicLong stale = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong readsDone = new AtomicLong();
        List<String> examples = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Writer w : writers) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < PER_WRITER; i++) {
                        long started = System.nanoTime();
                        ChariotClient.Response r = write.apply(w, i);
                        latencies.add(System.nanoTime() - started);
                        if (r.status() < 200 || r.status() > 299) {
                            refused.incrementAndGet();
                            if (examples.size() < 5) {
                                examples.add(endpoint + " #" + i + " answered " + r.status() + ": " + r.body());
                            }
                            continue;
                        }
                        for (Read read : reads) {
                            readsDone.incrementAndGet();
                            if (!read.fresh().test(w, i)) {
                                stale.incrementAndGet();
                                if (examples.size() < 5) {
                                    examples.add(endpoint + " #" + i + ": " + read.path() + " missed the write");
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        latencies.sort(Long::compare);
        String line = String.format("%-28s writes %5d  reads %5d  stale %d  refused %d  write p50 %.1f ms  p99 %.1f ms",
                endpoint, latencies.size(), readsDone.get(), stale.get(), refused.get(),
                latencies.get(latencies.size() / 2) / 1e6, latencies.get((int) (latencies.size() * 0.99)) / 1e6);
        report.put(endpoint, line);
        System.out.println("read-your-writes: " + line);
        assertThat(examples).as("writes refused or reads that missed their own write").isEmpty();
        assertThat(stale.get()).isZero();
        assertThat(refused.get()).isZero();
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The item with exactly this key from GET /my (a prefix search), or null. */
    private static JsonNode table(ChariotClient client, String plural, String key) {
        JsonNode items = client.get("/my?key=" + enc(key)).json().path(plural);
        for (JsonNode item : items) {
            if (key.equals(item.path("key").asText())) {
                return item;
            }
        }
        return null;
    }

    /** The node with this key from POST /my, or null. */
    private static JsonNode graph(ChariotClient client, String label, String plural, String key) {
        String body = "{\"node\":{\"labels\":[\"" + label + "\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                + "\"value\":" + quote(key) + ",\"not\":false}]},\"limit\":10,\"page\":0}";
        JsonNode items = client.post("/my", body).json().path(plural);
        return items.isArray() && !items.isEmpty() ? items.get(0) : null;
    }

    private static long count(ChariotClient client, String prefix, String dimension, String value) {
        return client.get("/my/count?key=" + enc(prefix)).json().path(dimension).path(value).asLong(0);
    }

    private static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }

    private static boolean has(JsonNode item, String field, String value) {
        return item != null && value.equals(item.path(field).asText());
    }

    private Read tableField(String plural, BiFunction<Writer, Integer, String> key, String field,
                           BiFunction<Writer, Integer, String> value) {
        return new Read("GET /my " + plural + "." + field,
                (w, i) -> has(table(w.client, plural, key.apply(w, i)), field, value.apply(w, i)));
    }

    private Read tableGone(String plural, BiFunction<Writer, Integer, String> key) {
        return new Read("GET /my " + plural + " gone", (w, i) -> table(w.client, plural, key.apply(w, i)) == null);
    }

    private Read graphField(String label, String plural, BiFunction<Writer, Integer, String> key, String field,
                           BiFunction<Writer, Integer, String> value) {
        return new Read("POST /my " + label + "." + field,
                (w, i) -> has(graph(w.client, label, plural, key.apply(w, i)), field, value.apply(w, i)));
    }

    private Read graphGone(String label, String plural, BiFunction<Writer, Integer, String> key) {
        return new Read("POST /my " + label + " gone", (w, i) -> graph(w.client, label, plural, key.apply(w, i)) == null);
    }

    private Read counted(String prefix, String dimension, String value, String counter) {
        return new Read("GET /my/count " + prefix + " " + dimension + ":" + value,
                (w, i) -> count(w.client, prefix, dimension, value) == w.counts.getOrDefault(counter, 0L));
    }

    private static BiFunction<Writer, Integer, String> constant(String value) {
        return (w, i) -> value;
    }

    private static ChariotClient.Response counting(Writer w, String counter, long delta, ChariotClient.Response r) {
        if (r.status() >= 200 && r.status() < 300) {
            w.counts.merge(counter, delta, Long::sum);
        }
        return r;
    }

    // ---- assets ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void addingAnAssetIsVisibleInEveryStoreAtOnce() throws Exception {
        check("PUT /asset (add)", (w, i) -> counting(w, "asset:A", 1, w.client.put("/asset",
                        "{\"group\":\"" + w.dns + "\",\"identifier\":\"" + w.ip(i) + "\",\"status\":\"A\"}")),
                tableField("assets", (w, i) -> w.asset(i), "status", constant("A")),
                graphField("Asset", "assets", (w, i) -> w.asset(i), "status", constant("A")),
                counted("#asset", "status", "A", "asset:A"));
    }

    @Test
    @Order(2)
    void changingAnAssetsStatusIsVisibleInEveryStoreAtOnce() throws Exception {
        // The last flip is back to A, so the assets are all active again when the deletions begin.
        BiFunction<Writer, Integer, String> status = (w, i) -> (PER_WRITER - 1 - i) % 2 == 0 ? "A" : "F";
        check("PUT /asset (update)", (w, i) -> {
                    // Asset 0 flips between F and A; the counts follow.
                    String from = w.status0;
                    String to = status.apply(w, i);
                    var r = w.client.put("/asset", "{\"key\":\"" + w.asset(0) + "\",\"status\":\"" + to + "\"}");
                    if (!to.equals(from) && r.status() == 200) {
                        w.status0 = to;
                        counting(w, "asset:" + from, -1, r);
                        counting(w, "asset:" + to, 1, r);
                    }
                    return r;
                },
                tableField("assets", (w, i) -> w.asset(0), "status", status),
                graphField("Asset", "assets", (w, i) -> w.asset(0), "status", status),
                counted("#asset", "status", "F", "asset:F"),
                counted("#asset", "status", "A", "asset:A"));
    }

    @Test
    @Order(3)
    void addingAnAttributeIsVisibleAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> key = (w, i) -> "#attribute#ryw#" + i + w.asset(1);
        check("PUT /attribute", (w, i) -> w.client.put("/attribute",
                        "{\"key\":\"" + w.asset(1) + "\",\"name\":\"ryw\",\"value\":\"" + i + "\"}"),
                tableField("attributes", key, "value", (w, i) -> String.valueOf(i)),
                graphField("Attribute", "attributes", key, "value", (w, i) -> String.valueOf(i)));
    }

    @Test
    @Order(4)
    void removingAnAttributeIsVisibleAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> key = (w, i) -> "#attribute#ryw#" + i + w.asset(1);
        check("DELETE /attribute", (w, i) -> w.client.delete("/attribute", "{\"key\":\"" + key.apply(w, i) + "\"}"),
                tableGone("attributes", key),
                graphGone("Attribute", "attributes", key));
    }

    // ---- risks ----------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void openingARiskIsVisibleInEveryStoreAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> key = (w, i) -> "#risk#" + w.dns + "#ryw-risk-" + i;
        check("PUT /risk (add)", (w, i) -> counting(w, "risk:TH", 1, w.client.put("/risk",
                        "{\"key\":\"" + w.asset(2) + "\",\"name\":\"ryw-risk-" + i + "\",\"status\":\"TH\","
                                + "\"comment\":\"\",\"source\":\"\"}")),
                tableField("risks", key, "status", constant("TH")),
                graphField("Risk", "risks", key, "status", constant("TH")),
                counted("#risk", "status", "TH", "risk:TH"));
    }

    @Test
    @Order(6)
    void triagingARiskIsVisibleInEveryStoreAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> key = (w, i) -> "#risk#" + w.dns + "#ryw-risk-" + i;
        check("PUT /risk (update)", (w, i) -> {
                    var r = w.client.put("/risk", "{\"key\":\"" + key.apply(w, i) + "\",\"status\":\"OH\","
                            + "\"comment\":\"confirmed\"}");
                    counting(w, "risk:OH", 1, r);
                    return counting(w, "risk:TH", -1, r);
                },
                tableField("risks", key, "status", constant("OH")),
                graphField("Risk", "risks", key, "status", constant("OH")),
                counted("#risk", "status", "OH", "risk:OH"),
                counted("#risk", "status", "TH", "risk:TH"));
    }

    @Test
    @Order(7)
    void closingARiskIsVisibleInEveryStoreAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> key = (w, i) -> "#risk#" + w.dns + "#ryw-risk-" + i;
        check("DELETE /risk", (w, i) -> {
                    var r = w.client.delete("/risk", "{\"key\":\"" + key.apply(w, i) + "\",\"status\":\"DHO\"}");
                    counting(w, "risk:DHO", 1, r);
                    return counting(w, "risk:OH", -1, r);
                },
                tableField("risks", key, "status", constant("DHO")),
                graphField("Risk", "risks", key, "status", constant("DHO")),
                counted("#risk", "status", "OH", "risk:OH"));
    }

    // ---- settings, configurations, keys, accounts -------------------------------------------------------------

    @Test
    @Order(8)
    void savingAndDeletingSettingsAndConfigurationsIsVisibleAtOnce() throws Exception {
        check("PUT /setting", (w, i) -> w.client.put("/setting", "{\"name\":\"s" + i + "\",\"value\":\"v" + i + "\"}"),
                tableField("settings", (w, i) -> "#setting#s" + i, "value", (w, i) -> "v" + i));
        check("DELETE /setting", (w, i) -> w.client.delete("/setting", "{\"name\":\"s" + i + "\"}"),
                tableGone("settings", (w, i) -> "#setting#s" + i));
        check("PUT /configuration", (w, i) -> w.client.put("/configuration",
                        "{\"name\":\"c" + i + "\",\"value\":{\"n\":\"" + i + "\"}}"),
                new Read("GET /my configurations", (w, i) -> {
                    JsonNode c = table(w.client, "configurations", "#configuration#c" + i);
                    return c != null && String.valueOf(i).equals(c.path("value").path("n").asText());
                }));
        check("DELETE /configuration", (w, i) -> w.client.delete("/configuration", "{\"name\":\"c" + i + "\"}"),
                tableGone("configurations", (w, i) -> "#configuration#c" + i));
    }

    @Test
    @Order(9)
    void issuingAndRevokingKeysIsVisibleAtOnce() throws Exception {
        check("POST /key", (w, i) -> {
                    var r = w.client.post("/key", "{\"name\":\"k" + i + "\"}");
                    if (r.status() == 200) {
                        w.keys.put(i, r.json().path("key").asText());
                    }
                    return r;
                },
                tableField("keies", (w, i) -> w.keys.get(i), "status", constant("A")));
        check("DELETE /key", (w, i) -> w.client.delete("/key", "{\"key\":\"" + w.keys.get(i) + "\"}"),
                tableField("keies", (w, i) -> w.keys.get(i), "status", constant("D")));
    }

    @Test
    @Order(10)
    void linkingAndUnlinkingCollaboratorsIsVisibleAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> member = (w, i) -> "friend" + i + "@ryw.example";
        BiFunction<Writer, Integer, String> key = (w, i) -> "#account#" + w.client.tenant + "#" + member.apply(w, i)
                + "#" + member.apply(w, i);
        check("POST /account/{member}", (w, i) -> w.client.post("/account/" + member.apply(w, i),
                        "{\"config\":{},\"value\":\"\",\"role\":\"analyst\"}"),
                tableField("accounts", key, "role", constant("analyst")));
        check("DELETE /account/{member}", (w, i) -> w.client.delete("/account/" + member.apply(w, i),
                        "{\"config\":{},\"value\":\"" + member.apply(w, i) + "\"}"),
                tableGone("accounts", key));
    }

    // ---- preseeds, seeds, jobs, files -------------------------------------------------------------------------

    @Test
    @Order(11)
    void preseedsAreVisibleAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> key = (w, i) -> "#preseed#whois+company#ryw#v" + i;
        check("POST /preseed", (w, i) -> w.client.post("/preseed",
                        "{\"type\":\"whois+company\",\"title\":\"ryw\",\"value\":\"v" + i + "\",\"status\":\"F\"}"),
                tableField("preseeds", key, "status", constant("F")),
                graphField("Preseed", "preseeds", key, "status", constant("F")));
        check("PUT /preseed", (w, i) -> w.client.put("/preseed", "{\"key\":\"" + key.apply(w, i) + "\",\"status\":\"A\"}"),
                tableField("preseeds", key, "status", constant("A")),
                graphField("Preseed", "preseeds", key, "status", constant("A")));
        check("DELETE /preseed", (w, i) -> w.client.delete("/preseed", "{\"key\":\"" + key.apply(w, i) + "\"}"),
                tableGone("preseeds", key),
                graphGone("Preseed", "preseeds", key));
    }

    @Test
    @Order(12)
    void seedsAreVisibleAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> key = (w, i) -> "#asset#seed" + i + "." + w.dns + "#seed" + i + "." + w.dns;
        check("PUT /seed", (w, i) -> w.client.put("/seed",
                        "{\"type\":\"asset\",\"model\":{\"dns\":\"seed" + i + "." + w.dns + "\",\"status\":\"A\"}}"),
                tableField("assets", key, "source", constant("seed")),
                graphField("Asset", "assets", key, "source", constant("seed")));
    }

    @Test
    @Order(13)
    void queuedAndFinishedJobsAreVisibleAtOnce() throws Exception {
        BiFunction<Writer, Integer, String> key = (w, i) -> "#job#" + w.dns + "#" + w.ip(i) + "#http-probe";
        check("POST /job", (w, i) -> w.client.post("/job",
                        "{\"key\":\"" + w.asset(i) + "\",\"capabilities\":[\"http-probe\"]}"),
                new Read("GET /my jobs.status", (w, i) -> {
                    JsonNode job = table(w.client, "jobs", key.apply(w, i));
                    return job != null && job.path("status").asText().startsWith("JQ");
                }));
        check("POST /job/claim + /job/result", (w, i) -> {
                    var claimed = w.client.post("/job/claim", "{\"key\":\"" + key.apply(w, i) + "\"}");
                    if (claimed.status() != 200) {
                        return claimed;
                    }
                    return w.client.post("/job/result", "{\"key\":\"" + key.apply(w, i) + "\",\"status\":\"JP\"}");
                },
                new Read("GET /my jobs.status", (w, i) -> {
                    JsonNode job = table(w.client, "jobs", key.apply(w, i));
                    return job != null && job.path("status").asText().startsWith("JP");
                }));
    }

    @Test
    @Order(14)
    void storedAndDeletedFilesAreVisibleAtOnce() throws Exception {
        check("PUT /file + signed upload", (w, i) -> {
                    var url = w.client.put("/file?name=" + enc("home/ryw-" + i + ".txt"), "");
                    if (url.status() != 200) {
                        return url;
                    }
                    try {
                        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(
                                        URI.create(url.json().path("url").asText()))
                                .PUT(HttpRequest.BodyPublishers.ofString("file " + i)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return new ChariotClient.Response(upload.statusCode(), "", upload.body(), upload.headers());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                new Read("GET /my files", (w, i) -> table(w.client, "files", "#file#home/ryw-" + i + ".txt") != null));
        check("DELETE /file", (w, i) -> w.client.delete("/file?name=" + enc("home/ryw-" + i + ".txt"), "{}"),
                tableGone("files", (w, i) -> "#file#home/ryw-" + i + ".txt"));
    }

    // ---- deleting assets last: the other cases hang off them ------------------------------------------------

    @Test
    @Order(15)
    void deletingAnAssetIsVisibleInEveryStoreAtOnce() throws Exception {
        check("DELETE /asset", (w, i) -> {
                    var r = w.client.delete("/asset", "{\"key\":\"" + w.asset(i) + "\"}");
                    counting(w, "asset:D", 1, r);
                    return counting(w, "asset:A", -1, r);
                },
                tableField("assets", (w, i) -> w.asset(i), "status", constant("D")),
                graphField("Asset", "assets", (w, i) -> w.asset(i), "status", constant("D")),
                counted("#asset", "status", "D", "asset:D"));
    }
}
