package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.chariot.platform.RiskGraphIT.keyIs;
import static io.chariot.platform.RiskGraphIT.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker's result items become facts in their own contexts (chariot-api.md §2.5): assets, attributes and ports
 * in the asset context, risks (linked to their target) in the risk context, child jobs in the job context, visible
 * through {@code GET /my} and {@code POST /my}. A bad item rejects the whole result and writes nothing.
 */
class JobResultsIT extends PlatformIntegrationTest {

    private static final String ASSET = "#asset#results.example#10.0.0.7";
    private static final String JOB = "#job#results.example#10.0.0.7#portscan";
    private static final String ATTRIBUTE = "#attribute#http_title#Index of /" + ASSET;
    private static final String PORT = "#port#tcp#8080" + ASSET;
    private static final String RISK = "#risk#results.example#directory-listing";
    private static final String CHILD = "#job#results.example#www.results.example#http-probe";

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static void claim(ChariotClient cli) {
        ok(cli.put("/asset", "{\"group\":\"results.example\",\"identifier\":\"10.0.0.7\",\"type\":\"asset\"}"));
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}"));
        assertThat(ok(cli.post("/job/claim", "{\"key\":\"" + JOB + "\",\"worker\":\"w-1\"}")).json()
                .get("status").asText()).startsWith("JR#");
    }

    @Test
    void aResultsAssetAttributePortRiskAndChildJobShowUpInTheirOwnReadModels() {
        ChariotClient cli = newTenant();
        claim(cli);

        String result = "{\"key\":\"" + JOB + "\",\"status\":\"JP\",\"items\":["
                + "{\"type\":\"asset\",\"model\":{\"dns\":\"results.example\",\"name\":\"www.results.example\"}},"
                + "{\"type\":\"attribute\",\"model\":{\"name\":\"http_title\",\"value\":\"Index of /\","
                + "\"source\":\"" + ASSET + "\"}},"
                + "{\"type\":\"port\",\"model\":{\"protocol\":\"tcp\",\"port\":8080,\"service\":\"http\"}},"
                + "{\"type\":\"risk\",\"model\":{\"name\":\"Directory Listing\",\"status\":\"TM\","
                + "\"target\":\"" + ATTRIBUTE + "\",\"comment\":\"Index of / served\"}},"
                + "{\"model\":{\"key\":\"#job#\",\"target\":{\"type\":\"asset\",\"model\":{\"dns\":\"results.example\","
                + "\"name\":\"www.results.example\"}},\"capability\":\"http-probe\"},\"type\":\"job\"}]}";
        JsonNode done = ok(cli.post("/job/result", result)).json();
        assertThat(done.get("status").asText()).startsWith("JP#");

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            // GET /my: each fact under its own key prefix
            assertThat(keys(ok(cli.my("#asset#results.example#www.results.example")).json()))
                    .containsExactly("#asset#results.example#www.results.example");
            JsonNode attribute = ok(cli.my("#attribute#http_title")).json().get("attributes").get(0);
            assertThat(attribute.get("key").asText()).isEqualTo(ATTRIBUTE);
            assertThat(attribute.get("source").asText()).isEqualTo(ASSET);
            assertThat(keys(ok(cli.my("#port#tcp#8080")).json())).containsExactly(PORT);
            JsonNode risk = ok(cli.my(RISK)).json().get("risks").get(0);
            assertThat(risk.get("status").asText()).isEqualTo("TM");
            assertThat(risk.get("source").asText()).isEqualTo("portscan");
            JsonNode child = ok(cli.my(CHILD)).json().get("jobs").get(0);
            assertThat(child.get("status").asText()).startsWith("JQ#");
            assertThat(child.get("parent").get("key").asText()).isEqualTo(JOB);
            assertThat(child.get("origin").get("key").asText()).isEqualTo(JOB);

            // POST /my: the risk hangs off the attribute of the job's asset (HAS_VULNERABILITY), as PUT /risk links it
            assertThat(keys(ok(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"],\"relationships\":[{\"label\":"
                    + "\"HAS_VULNERABILITY\",\"source\":{\"labels\":[\"Attribute\"],\"relationships\":[{\"label\":"
                    + "\"HAS_ATTRIBUTE\",\"source\":{\"labels\":[\"Asset\"]," + keyIs(ASSET) + "}}]}}]}}")).json()))
                    .containsExactly(RISK);
            assertThat(keys(ok(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"relationships\":[{\"label\":"
                    + "\"HAS_PORT\",\"target\":{\"labels\":[\"Port\"]," + keyIs(PORT) + "}}]}}")).json()))
                    .containsExactly(ASSET);
            assertThat(keys(ok(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"dns\","
                    + "\"operator\":\"=\",\"value\":\"results.example\"}]}}")).json()))
                    .containsExactlyInAnyOrder(ASSET, "#asset#results.example#www.results.example");
        });
    }

    @Test
    void aResultWithABadItemIsRejectedAndWritesNothing() {
        ChariotClient cli = newTenant();
        claim(cli);

        for (String bad : List.of(
                "{\"type\":\"asset\",\"model\":{\"dns\":\"results.example\"}}",
                "{\"type\":\"risk\",\"model\":{\"name\":\"x\",\"status\":\"OH\"}}",
                "{\"type\":\"port\",\"model\":{\"protocol\":\"tcp\",\"port\":70000}}",
                "{\"type\":\"job\",\"model\":{\"capability\":\"nope\"}}",
                "{\"type\":\"webapplication\",\"model\":{\"name\":\"x\"}}")) {
            var r = cli.post("/job/result", "{\"key\":\"" + JOB + "\",\"status\":\"JP\",\"items\":["
                    + "{\"type\":\"asset\",\"model\":{\"dns\":\"results.example\",\"name\":\"good.results.example\"}},"
                    + bad + "]}");
            assertThat(r.status()).as(bad + " -> " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).startsWith("items[1]: ");
        }
        // a run cannot queue itself again (the job aggregate's loop guard)
        var loop = cli.post("/job/result", "{\"key\":\"" + JOB + "\",\"status\":\"JP\",\"items\":[{\"type\":\"job\","
                + "\"model\":{\"capability\":\"portscan\"}}]}");
        assertThat(loop.status()).as(loop.body()).isEqualTo(400);
        assertThat(loop.json().get("detail").asText()).contains("cannot spawn");
                // the job still runs, and a valid result finishes it; the good asset of the rejected results never appeared
        ok(cli.post("/job/result", "{\"key\":\"" + JOB + "\",\"status\":\"JP\",\"items\":[{\"type\":\"asset\","
                + "\"model\":{\"dns\":\"results.example\",\"name\":\"later.results.example\"}}]}"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(keys(ok(cli.my("#asset#results.example#later.results.example")).json())).hasSize(1));
        assertThat(ok(cli.my("#asset#results.example#good.results.example")).json().path("assets").size()).isZero();
    }
}
