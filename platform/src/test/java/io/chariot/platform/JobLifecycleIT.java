package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job context against the real stack (chariot-api.md §3.4, §3.6 tier 5): the CLI's {@code add job} and
 * {@code list jobs}, the capability catalogue, the worker API (claim, result) and job deadlines.
 */
class JobLifecycleIT extends PlatformIntegrationTest {

    private static final String ASSET = "#asset#example.com#1.2.3.4";
    private static final String PORTSCAN = "#job#example.com#1.2.3.4#portscan";

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static List<String> keys(JsonNode array) {
        List<String> keys = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> keys.add(n.get("key").asText()));
        }
        return keys;
    }

    private static JsonNode tableJob(ChariotClient cli, String key) {
        JsonNode jobs = ok(cli.my(key)).json().get("jobs");
        assertThat(jobs).as("jobs under " + key).isNotNull().hasSize(1);
        return jobs.get(0);
    }

    @Test
    void theCliQueuesAJobAndListsIt() {
        ChariotClient cli = newTenant();

        // chariot add job --key '#asset#example.com#1.2.3.4' -c portscan
        JsonNode jobs = ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"],"
                + "\"config\":{\"ports\":\"22,443\"}}")).json();
        assertThat(jobs.isArray()).isTrue();
        assertThat(keys(jobs)).containsExactly(PORTSCAN);
        JsonNode job = jobs.get(0);
        assertThat(job.get("status").asText()).startsWith("JQ#");
        assertThat(job.get("source").asText()).startsWith("portscan#");
        assertThat(job.get("dns").asText()).isEqualTo("example.com");
        assertThat(job.get("config").get("ports").asText()).isEqualTo("22,443");

        // chariot list jobs: GET /my?key=%23job%23; and list jobs -s JQ: status:JQ with label=job
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode listed = ok(cli.get("/my?key=%23job%23")).json().get("jobs");
            assertThat(keys(listed)).containsExactly(PORTSCAN);
            JsonNode item = listed.get(0);
            assertThat(item.get("status").asText()).startsWith("JQ#");
            assertThat(item.get("source").asText()).startsWith("portscan#");
            assertThat(item.get("config").get("ports").asText()).isEqualTo("22,443");
            assertThat(item.has("created")).isTrue();
            assertThat(item.has("_seq")).isFalse();
            assertThat(keys(ok(cli.get("/my?key=status:JQ&label=job")).json().get("jobs"))).containsExactly(PORTSCAN);
            assertThat(keys(ok(cli.get("/my?key=source:portscan&label=job")).json().get("jobs")))
                    .containsExactly(PORTSCAN);
        });

        // queueing it again while queued with the same settings changes nothing…
        JsonNode again = ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"],"
                + "\"config\":{\"ports\":\"22,443\"}}")).json();
        assertThat(again.get(0).get("status").asText()).isEqualTo(job.get("status").asText());
        // …and with another config (praetorian-cli's test_add_job_with_config) takes it: the run has not begun
        JsonNode other = ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"],"
                + "\"config\":{\"test_config_key\":\"test_config_value\"}}")).json().get(0);
        assertThat(other.get("config").get("test_config_key").asText()).isEqualTo("test_config_value");
        assertThat(other.get("config").has("ports")).isFalse();
        assertThat(other.get("status").asText()).startsWith("JQ#");
        assertThat(other.get("created").asText()).isEqualTo(job.get("created").asText());
    }

    @Test
    void withoutCapabilitiesTheDefaultSetIsQueuedAndChariotUiNamesOne() {
        ChariotClient cli = newTenant();
        JsonNode jobs = ok(cli.post("/job", "{\"key\":\"" + ASSET + "\"}")).json();
        assertThat(keys(jobs)).containsExactly("#job#example.com#1.2.3.4#subdomain", "#job#example.com#1.2.3.4#portscan",
                "#job#example.com#1.2.3.4#nuclei");

        // chariot-ui: POST /job/ {name, key: #asset#dns}
        JsonNode ui = ok(cli.post("/job/", "{\"name\":\"whois\",\"key\":\"#asset#example.com\"}")).json();
        assertThat(keys(ui)).containsExactly("#job#example.com#example.com#whois");
    }

    @Test
    void theCapabilityCatalogueIsListed() {
        ChariotClient cli = newTenant();
        JsonNode caps = ok(cli.get("/capabilities")).json();
        assertThat(caps.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        caps.forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).contains("portscan", "nuclei", "subdomain", "whois", "http-probe");
        for (String field : List.of("name", "title", "target", "description", "category", "executor", "async",
                "parameters")) {
            assertThat(caps.get(0).has(field)).as(field).isTrue();
        }
    }

    @Test
    void anUnknownCapabilityQueuesNothing() {
        ChariotClient cli = newTenant();
        var r = cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\",\"nope\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).isEqualTo("unknown capability: nope");
        // nothing was written: the portscan job does not exist, and only a later valid job is listed
        assertThat(cli.post("/job/claim", "{\"key\":\"" + PORTSCAN + "\"}").status()).isEqualTo(404);
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"whois\"]}"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(keys(ok(cli.my("#job#")).json().get("jobs")))
                        .containsExactly("#job#example.com#1.2.3.4#whois"));

        for (String body : List.of("{\"key\":\"#risk#example.com#x\",\"capabilities\":[\"portscan\"]}",
                "{\"capabilities\":[\"portscan\"]}", "{\"key\":\"nonsense\"}",
                "{\"key\":\"" + ASSET + "\",\"config\":{\"retries\":\"many\"}}")) {
            var bad = cli.post("/job", body);
            assertThat(bad.status()).as(body + " -> " + bad.body()).isEqualTo(400);
        }
    }

    @Test
    void aWorkerClaimsRunsAndFinishesAJob() {
        ChariotClient cli = newTenant();
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}"));

        // the oldest queued job, once the read model has it
        JsonNode[] claimed = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var r = cli.post("/job/claim", "{\"capabilities\":[\"portscan\"],\"worker\":\"worker-1\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            claimed[0] = r.json();
        });
        assertThat(claimed[0].get("key").asText()).isEqualTo(PORTSCAN);
        assertThat(claimed[0].get("status").asText()).startsWith("JR#");

        // a second claim of the same job is refused by the aggregate
        var second = cli.post("/job/claim", "{\"key\":\"" + PORTSCAN + "\",\"worker\":\"worker-2\"}");
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(tableJob(cli, PORTSCAN).get("status").asText()).startsWith("JR#"));
        // nothing else is queued (of the asked capability)
        assertThat(cli.post("/job/claim", "{\"capabilities\":[\"nuclei\"]}").status()).isEqualTo(204);

        var bad = cli.post("/job/result", "{\"key\":\"" + PORTSCAN + "\",\"status\":\"JX\"}");
        assertThat(bad.status()).isEqualTo(400);
        JsonNode done = ok(cli.post("/job/result", "{\"key\":\"" + PORTSCAN + "\",\"status\":\"JP\",\"items\":["
                + "{\"type\":\"asset\",\"model\":{\"dns\":\"example.com\",\"name\":\"www.example.com\"}}]}")).json();
        assertThat(done.get("status").asText()).startsWith("JP#");
        assertThat(cli.post("/job/result", "{\"key\":\"" + PORTSCAN + "\",\"status\":\"JP\"}").status())
                .isEqualTo(409);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode item = tableJob(cli, PORTSCAN);
            assertThat(item.get("status").asText()).startsWith("JP#");
            assertThat(item.has("started")).isTrue();
            assertThat(item.has("finished")).isTrue();
            // the result's asset was added
            assertThat(ok(cli.my("#asset#example.com#www.example.com")).json().get("assets")).hasSize(1);
        });

        // a finished job can be queued again
        JsonNode requeued = ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}")).json();
        assertThat(requeued.get(0).get("status").asText()).startsWith("JQ#");
    }

    @Test
    void aJobPastItsDeadlineFails() {
        ChariotClient cli = newTenant();
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"],"
                + "\"config\":{\"timeout_seconds\":1,\"retries\":0}}"));
        JsonNode claimed = ok(cli.post("/job/claim", "{\"key\":\"" + PORTSCAN + "\"}")).json();
        assertThat(claimed.get("status").asText()).startsWith("JR#");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode item = tableJob(cli, PORTSCAN);
            assertThat(item.get("status").asText()).startsWith("JF#");
            assertThat(item.get("reason").asText()).isEqualTo("deadline exceeded");
        });
        assertThat(cli.post("/job/result", "{\"key\":\"" + PORTSCAN + "\",\"status\":\"JP\"}").status())
                .isEqualTo(409);
    }

    @Test
    void anotherTenantSeesAndClaimsNothing() {
        ChariotClient alice = newTenant();
        ChariotClient bob = newTenant();
        ok(alice.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(keys(ok(alice.my("#job#")).json().get("jobs"))).containsExactly(PORTSCAN));

        assertThat(ok(bob.my("#job#")).json().path("jobs").size()).isZero();
        assertThat(ok(bob.get("/my?key=status:JQ&label=job")).json().path("jobs").size()).isZero();
        assertThat(bob.post("/job/claim", "{}").status()).isEqualTo(204);
        assertThat(bob.post("/job/claim", "{\"key\":\"" + PORTSCAN + "\"}").status()).isEqualTo(404);
        assertThat(bob.post("/job/result", "{\"key\":\"" + PORTSCAN + "\",\"status\":\"JP\"}").status())
                .isEqualTo(404);
        // alice's job is still queued
        assertThat(ok(alice.post("/job/claim", "{\"key\":\"" + PORTSCAN + "\"}")).json().get("status").asText())
                .startsWith("JR#");
    }
}
