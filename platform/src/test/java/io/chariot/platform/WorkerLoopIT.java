package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.worker.WorkerCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.chariot.platform.RiskGraphIT.keyIs;
import static io.chariot.platform.RiskGraphIT.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole job loop on loopback: a web server serving a directory listing, a job for the reference worker's
 * {@code http-probe} on an asset pointing at it, the worker (over the HTTP API with an API key) claims, probes and
 * reports; the attributes and the risk appear in the read models and the job ends JP.
 */
class WorkerLoopIT extends PlatformIntegrationTest {

    private HttpServer web;

    @BeforeEach
    void serveADirectoryListing() throws Exception {
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] body = ("<html><head><title>Index of /</title></head><body><h1>Index of /</h1><ul>"
                    + "<li><a href=\"db.sql\">db.sql</a></li></ul></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Server", "Apache/2.4.62 (Unix)");
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
    }

    @AfterEach
    void stopServing() {
        web.stop(0);
    }

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String attribute(ChariotClient cli, String name, String asset) {
        JsonNode found = ok(cli.my("#attribute#" + name + "#")).json().path("attributes");
        for (JsonNode a : found) {
            if (a.path("source").asText().equals(asset)) {
                return a.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void theReferenceWorkerProbesADirectoryListingAndItsFindingsAppear() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String keyId = UUID.randomUUID().toString();
        String secret = SecretHash.newSecret();
        commands.sendAndWait(new IssueApiKey(keyId, tenant, "worker", SecretHash.of(secret), "admin", null, "test"));
        ChariotClient cli = new ChariotClient("http://127.0.0.1:" + port, tenant, keyId, secret);

        String asset = "#asset#worker.test#127.0.0.1";
        String job = "#job#worker.test#127.0.0.1#http-probe";
        int webPort = web.getAddress().getPort();
        ok(cli.put("/asset", "{\"group\":\"worker.test\",\"identifier\":\"127.0.0.1\",\"type\":\"asset\"}"));
        ok(cli.post("/job", "{\"key\":\"" + asset + "\",\"capabilities\":[\"http-probe\"],"
                + "\"config\":{\"port\":\"" + webPort + "\"}}"));

        // the worker waits for the queued job (the claim reads the jobs read model), runs it once and stops
        Map<String, String> env = new HashMap<>();
        int exit = WorkerCli.execute(env, "run", "--api", "http://127.0.0.1:" + port, "--key-id", keyId,
                "--key-secret", secret, "--max-jobs", "1", "--exit-when-idle", "60s", "--poll-interval", "200ms",
                "--worker-id", "it-worker");
        assertThat(exit).isZero();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode item = ok(cli.my(job)).json().get("jobs").get(0);
            assertThat(item.get("status").asText()).startsWith("JP#");
            assertThat(item.get("worker").asText()).isEqualTo("it-worker");

            assertThat(attribute(cli, "http_status", asset)).isEqualTo("200");
            assertThat(attribute(cli, "http_server", asset)).isEqualTo("Apache/2.4.62 (Unix)");
            assertThat(attribute(cli, "http_title", asset)).isEqualTo("Index of /");
            assertThat(keys(ok(cli.my("#port#tcp#" + webPort + asset)).json()))
                    .containsExactly("#port#tcp#" + webPort + asset);

            JsonNode risk = ok(cli.my("#risk#worker.test#directory-listing")).json().get("risks").get(0);
            assertThat(risk.get("status").asText()).isEqualTo("TL");
            assertThat(risk.get("source").asText()).isEqualTo("http-probe");
            assertThat(keys(ok(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"relationships\":[{\"label\":"
                    + "\"HAS_VULNERABILITY\",\"target\":{\"labels\":[\"Risk\"],"
                    + keyIs("#risk#worker.test#directory-listing") + "}}]}}")).json()))
                    .containsExactly(asset);
        });
    }
}
