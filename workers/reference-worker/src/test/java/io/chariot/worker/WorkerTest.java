package io.chariot.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker loop against a scripted stand-in of the platform's worker API (the real loop is WorkerLoopIT): what it
 * sends, and how it reacts to a refused result and to an idle queue.
 */
class WorkerTest {

    private static final String JOB = "#job#example.com#127.0.0.1#broken";
    private HttpServer api;
    private final List<JsonNode> results = new CopyOnWriteArrayList<>();
    private final List<String> claimsBy = new CopyOnWriteArrayList<>();
    private volatile boolean jobHandedOut;

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/token", ex -> {
            boolean keyed = "id".equals(ex.getRequestHeaders().getFirst("X-GUARD-API-KEY-ID"))
                    && "secret".equals(ex.getRequestHeaders().getFirst("X-GUARD-API-KEY-SECRET"));
            answer(ex, keyed ? 200 : 401, keyed ? "{\"token\":\"t\"}" : "");
        });
        api.createContext("/job/claim", ex -> {
            claimsBy.add(Items.JSON.readTree(ex.getRequestBody()).path("worker").asText());
            if (jobHandedOut) {
                answer(ex, 204, "");
                return;
            }
            jobHandedOut = true;
            answer(ex, 200, "{\"key\":\"" + JOB + "\",\"capabilities\":[\"broken\"],\"config\":{},"
                    + "\"target\":{\"type\":\"asset\",\"key\":\"#asset#example.com#127.0.0.1\"}}");
        });
        api.createContext("/job/result", ex -> {
            JsonNode body = Items.JSON.readTree(ex.getRequestBody());
            results.add(body);
            if (body.path("items").size() > 0) {
                answer(ex, 400, "{\"detail\":\"items[0]: port must be between 1 and 65535: 0\"}");
            } else {
                answer(ex, 200, "{\"status\":\"" + body.path("status").asText() + "#2025-01-01T00:00:00Z\"}");
            }
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    /** A capability that reports an item the platform refuses. */
    private static final class Broken implements Capability {
        public String name() {
            return "broken";
        }

        public String description() {
            return "reports port 0";
        }

        public List<ObjectNode> run(ClaimedJob job, Progress progress) {
            return List.of(Items.port(job.target(), 0, "http"));
        }
    }

    @Test
    void aRefusedResultIsReportedAgainAsAFailedRunWithoutItemsAndTheWorkerStopsWhenIdle() throws Exception {
        List<String> log = new ArrayList<>();
        ChariotApi client = new ChariotApi(URI.create("http://127.0.0.1:" + api.getAddress().getPort()), "id",
                "secret");
        Worker worker = new Worker(client, Map.of("broken", new Broken()), "w-1", Duration.ofMillis(50), 0,
                Duration.ofMillis(300), log::add);

        assertThat(worker.run()).isEqualTo(1);

        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("status").asText()).isEqualTo("JP");
        assertThat(results.get(1).path("status").asText()).isEqualTo("JF");
        assertThat(results.get(1).path("items").size()).isZero();
        assertThat(results.get(1).path("reason").asText()).contains("port must be between 1 and 65535");
        assertThat(claimsBy).allMatch("w-1"::equals).hasSizeGreaterThan(1);
        assertThat(log).anyMatch(l -> l.startsWith("finished " + JOB) && l.contains("JF"))
                       .anyMatch(l -> l.startsWith("no queued job"));
    }

    @Test
    void aRefusedKeyEndsTheLoopWithExitCodeThree() {
        int exit = WorkerCli.execute(Map.of(), "run", "--api", "http://127.0.0.1:" + api.getAddress().getPort(),
                "--key-id", "id", "--key-secret", "wrong", "--max-jobs", "1");
        assertThat(exit).isEqualTo(3);
    }

    @Test
    void anUnknownCapabilityIsABadArgument() {
        assertThat(WorkerCli.execute(Map.of(), "run", "--key-id", "id", "--key-secret", "s", "-c", "nmap"))
                .isEqualTo(2);
    }
}
