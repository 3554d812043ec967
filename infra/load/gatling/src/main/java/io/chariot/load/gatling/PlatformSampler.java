package io.chariot.load.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.load.gatling.verdict.Trend.Point;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the platform while the soak runs: its heap from the actuator ({@code jvm.memory.used} and
 * {@code jvm.gc.live.data.size}; operators only, so the API key must be an operator's, as the bootstrap key is) and
 * each store's projection lag from {@code GET /admin/projections} (what {@code ./chariot projections list} shows).
 * One thread, its own HTTP client: the sampler is not part of the measured load. A failed sample is counted and
 * skipped, not fatal: the verdict needs enough points and says so when it has too few.
 */
public final class PlatformSampler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final long startMillis;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chariot-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<Point> heapUsed = Collections.synchronizedList(new ArrayList<>());
    private final List<Point> liveData = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Point>> lagByStore = Collections.synchronizedMap(new TreeMap<>());
    private volatile double heapMax = -1;
    private volatile String token;
    private volatile int failedSamples;
    private volatile String lastFailure = "";

    public PlatformSampler(Settings settings, long startMillis) {
        this.settings = settings;
        this.startMillis = startMillis;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, settings.sampleSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Point> heapUsed() {
        synchronized (heapUsed) {
            return List.copyOf(heapUsed);
        }
    }

    public List<Point> liveData() {
        synchronized (liveData) {
            return List.copyOf(liveData);
        }
    }

    public Map<String, List<Point>> lagByStore() {
        synchronized (lagByStore) {
            Map<String, List<Point>> copy = new TreeMap<>();
            lagByStore.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return copy;
        }
    }

    public double heapMax() {
        return heapMax;
    }

    public int failedSamples() {
        return failedSamples;
    }

    public String lastFailure() {
        return lastFailure;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (IOException | RuntimeException e) {
            failedSamples++;
            lastFailure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() throws IOException, InterruptedException {
        double t = (System.currentTimeMillis() - startMillis) / 1000.0;
        if (heapMax < 0) {
            heapMax = metric(get("/actuator/metrics/jvm.memory.max?tag=" + enc("area:heap")));
        }
        heapUsed.add(new Point(t, metric(get("/actuator/metrics/jvm.memory.used?tag=" + enc("area:heap")))));
        liveData.add(new Point(t, metric(get("/actuator/metrics/jvm.gc.live.data.size"))));
        lagByStore(get("/admin/projections")).forEach((store, lag) ->
                lagByStore.computeIfAbsent(store, s -> Collections.synchronizedList(new ArrayList<>()))
                        .add(new Point(t, lag)));
    }

    /** The VALUE measurement of an actuator metric answer. */
    static double metric(String body) throws IOException {
        for (JsonNode m : JSON.readTree(body).path("measurements")) {
            if ("VALUE".equals(m.path("statistic").asText())) {
                return m.path("value").asDouble();
            }
        }
        throw new IOException("no VALUE measurement in " + body);
    }

    /** Per store, the summed lag of its projections ({@code GET /admin/projections}). */
    static Map<String, Long> lagByStore(String body) throws IOException {
        Map<String, Long> byStore = new TreeMap<>();
        JsonNode projections = JSON.readTree(body).path("projections");
        if (!projections.isArray()) {
            throw new IOException("no projections array in the admin answer");
        }
        for (JsonNode p : projections) {
            long lag = p.path("lag").isNumber() ? p.path("lag").asLong() : 0;
            byStore.merge(p.path("store").asText("?"), lag, Long::sum);
        }
        return byStore;
    }

    private String get(String path) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (token == null) {
                token = ChariotToken.fetch(http, settings);
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(settings.api() + path))
                            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 401) {
                token = null; // expired: fetch a new one once
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        }
        throw new IOException("GET " + path + " answered 401 with a fresh token");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
