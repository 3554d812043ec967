package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.asset.AssetCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HAS_VULNERABILITY edges in the real Neo4j, queried the way praetorian-cli does: {@code assets.associated_risks}
 * (one hop from the asset, two hops through an attribute) and {@code risks.affected_assets} (direct, and through a
 * port), chariot-api.md §3.3b.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RiskGraphIT extends PlatformIntegrationTest {

    static final String WWW = "#asset#acme.com#www.acme.com";
    static final String API = "#asset#acme.com#api.acme.com";
    static final String ATTRIBUTE = "#attribute#https#443" + WWW;
    static final String PORT = "#port#tcp#443" + WWW;
    static final String ON_ASSET = "#risk#acme.com#CVE-2024-1111";
    static final String ON_ATTRIBUTE = "#risk#acme.com#weak-tls";
    static final String ON_PORT = "#risk#acme.com#open-port";
    static final String ON_API = "#risk#acme.com#CVE-2024-2222";

    ChariotClient cli;

    @BeforeAll
    void graph() {
        cli = newTenant();
        ok(cli.put("/asset", "{\"group\":\"acme.com\",\"identifier\":\"www.acme.com\",\"status\":\"A\"}"));
        ok(cli.put("/asset", "{\"group\":\"acme.com\",\"identifier\":\"api.acme.com\",\"status\":\"A\"}"));
        ok(cli.put("/attribute", "{\"key\":\"" + WWW + "\",\"name\":\"https\",\"value\":\"443\"}"));
        commands.sendAndWait(new AssetCommands.AddPort(AssetCommands.aggregateId(cli.tenant, WWW), cli.tenant, WWW,
                "tcp", 443, "https", "portscan", "test"));
        ok(cli.put("/risk", risk(WWW, "CVE-2024-1111")));
        ok(cli.put("/risk", risk(ATTRIBUTE, "Weak TLS")));
        ok(cli.put("/risk", risk(PORT, "open port")));
        ok(cli.put("/risk", risk(API, "CVE-2024-2222")));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(keys(query("{\"node\":{\"labels\":[\"Risk\"],\"relationships\":[{\"label\":"
                        + "\"HAS_VULNERABILITY\",\"source\":{\"labels\":[\"Asset\",\"Attribute\",\"Port\"]}}]}}")))
                        .hasSize(4));
    }

    static String risk(String target, String name) {
        return "{\"key\":\"" + target + "\",\"name\":\"" + name + "\",\"status\":\"TM\",\"comment\":\"\",\"source\":\"\"}";
    }

    static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    JsonNode query(String body) {
        return ok(cli.post("/my", body)).json();
    }

    static List<String> keys(JsonNode envelope) {
        List<String> keys = new ArrayList<>();
        envelope.fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) {
                e.getValue().forEach(n -> keys.add(n.get("key").asText()));
            }
        });
        return keys;
    }

    static String keyIs(String key) {
        return "\"filters\":[{\"field\":\"key\",\"operator\":\"=\",\"value\":\"" + key + "\",\"not\":false}]";
    }

    @Test
    void associatedRisksOfAnAssetAreFoundInOneHop() {
        var risks = query("{\"node\":{\"labels\":[\"Risk\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                + "\"source\":{\"labels\":[\"Asset\"]," + keyIs(WWW) + "}}]},\"limit\":4096,\"page\":0}");
        assertThat(keys(risks)).containsExactly(ON_ASSET);
        assertThat(risks.get("risks").get(0).get("status").asText()).isEqualTo("TM");
    }

    @Test
    void associatedRisksThroughAnAttributeAreFoundInTwoHops() {
        var risks = query("{\"node\":{\"labels\":[\"Risk\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                + "\"source\":{\"labels\":[\"Attribute\"],\"relationships\":[{\"label\":\"HAS_ATTRIBUTE\","
                + "\"source\":{\"labels\":[\"Asset\"]," + keyIs(WWW) + "}}]}}]},\"limit\":4096,\"page\":0}");
        assertThat(keys(risks)).containsExactly(ON_ATTRIBUTE);
    }

    @Test
    void affectedAssetsOfARiskAreFoundDirectlyAndThroughAPort() {
        var direct = query("{\"node\":{\"labels\":[\"Asset\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                + "\"target\":{\"labels\":[\"Risk\"]," + keyIs(ON_ASSET) + "}}]},\"limit\":4096,\"page\":0}");
        assertThat(keys(direct)).containsExactly(WWW);
        var viaPort = query("{\"node\":{\"labels\":[\"Asset\"],\"relationships\":[{\"label\":\"HAS_PORT\","
                + "\"target\":{\"labels\":[\"Port\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                + "\"target\":{\"labels\":[\"Risk\"]," + keyIs(ON_PORT) + "}}]}}]},\"limit\":4096,\"page\":0}");
        assertThat(keys(viaPort)).containsExactly(WWW);
        var otherAsset = query("{\"node\":{\"labels\":[\"Asset\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                + "\"target\":{\"labels\":[\"Risk\"]," + keyIs(ON_API) + "}}]}}");
        assertThat(keys(otherAsset)).containsExactly(API);
    }

    @Test
    void detectingAKnownRiskOnAnotherAssetAddsAnEdge() {
        // Assets of their own, so the other tests' expectations on www/api stay exact.
        String one = "#asset#acme.com#one.acme.com";
        String two = "#asset#acme.com#two.acme.com";
        ok(cli.put("/asset", "{\"group\":\"acme.com\",\"identifier\":\"one.acme.com\",\"status\":\"A\"}"));
        ok(cli.put("/asset", "{\"group\":\"acme.com\",\"identifier\":\"two.acme.com\",\"status\":\"A\"}"));
        String shared = "#risk#acme.com#shared-finding";
        ok(cli.put("/risk", risk(one, "shared finding")));
        var again = ok(cli.put("/risk", risk(two, "shared finding"))).json().get("risks").get(0);
        assertThat(again.get("key").asText()).isEqualTo(shared);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var affected = query("{\"node\":{\"labels\":[\"Asset\"],\"relationships\":[{\"label\":"
                    + "\"HAS_VULNERABILITY\",\"target\":{\"labels\":[\"Risk\"]," + keyIs(shared) + "}}]}}");
            assertThat(keys(affected)).containsExactlyInAnyOrder(one, two);
        });
    }

    @Test
    void aRiskOnATargetThatAppearsLaterIsLinkedWhenItDoes() {
        String later = "#asset#acme.com#later.acme.com";
        ok(cli.put("/risk", risk(later, "CVE-2024-3333")));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(keys(query("{\"node\":{\"labels\":[\"Risk\"]," + keyIs("#risk#acme.com#CVE-2024-3333")
                        + "}}"))).hasSize(1));
        ok(cli.put("/asset", "{\"group\":\"acme.com\",\"identifier\":\"later.acme.com\",\"status\":\"A\"}"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var risks = query("{\"node\":{\"labels\":[\"Risk\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                    + "\"source\":{\"labels\":[\"Asset\"]," + keyIs(later) + "}}]}}");
            assertThat(keys(risks)).containsExactly("#risk#acme.com#CVE-2024-3333");
            var asset = query("{\"node\":{\"labels\":[\"Asset\"]," + keyIs(later) + "}}").get("assets").get(0);
            assertThat(asset.get("status").asText()).isEqualTo("A");
        });
    }
}
