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

/** {@code POST /my} against the real Neo4j: every operator, search, paging and one- and two-hop relationships. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphQueryIT extends PlatformIntegrationTest {

    ChariotClient cli;

    @BeforeAll
    void graph() {
        cli = newTenant();
        cli.put("/asset", "{\"group\":\"acme.com\",\"identifier\":\"www.acme.com\",\"status\":\"A\",\"attackSurface\":[\"external\"]}");
        cli.put("/asset", "{\"group\":\"acme.com\",\"identifier\":\"10.0.0.5\",\"status\":\"A\",\"attackSurface\":[\"internal\"]}");
        cli.put("/asset", "{\"group\":\"acme.com\",\"identifier\":\"api.acme.com\",\"status\":\"F\"}");
        cli.put("/attribute", "{\"key\":\"#asset#acme.com#www.acme.com\",\"name\":\"https\",\"value\":\"443\"}");
        String www = "#asset#acme.com#www.acme.com";
        commands.sendAndWait(new AssetCommands.AddPort(AssetCommands.aggregateId(cli.tenant, www), cli.tenant, www,
                "tcp", 443, "https", "portscan", "test"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(keys(query("{\"node\":{\"labels\":[\"Port\"]}}"))).hasSize(1);
            assertThat(keys(query("{\"node\":{\"labels\":[\"Attribute\"]}}"))).hasSize(1);
            assertThat(keys(query("{\"node\":{\"labels\":[\"Asset\"]}}"))).hasSize(3);
        });
    }

    JsonNode query(String body) {
        var r = cli.post("/my", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
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

    String assets(String filters) {
        return "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[" + filters + "]}}";
    }

    @Test
    void everyComparisonOperatorFiltersAssets() {
        assertThat(keys(query(assets("{\"field\":\"name\",\"operator\":\"STARTS WITH\",\"value\":\"www\"}"))))
                .containsExactly("#asset#acme.com#www.acme.com");
        assertThat(keys(query(assets("{\"field\":\"name\",\"operator\":\"ENDS WITH\",\"value\":\".5\"}"))))
                .containsExactly("#asset#acme.com#10.0.0.5");
        assertThat(keys(query(assets("{\"field\":\"name\",\"operator\":\"CONTAINS\",\"value\":\"api\"}"))))
                .containsExactly("#asset#acme.com#api.acme.com");
        assertThat(keys(query(assets("{\"field\":\"name\",\"operator\":\"LIKE\",\"value\":\"%.ACME.%\"}"))))
                .hasSize(2);
        assertThat(keys(query(assets("{\"field\":\"status\",\"operator\":\"IN\",\"value\":[\"F\"]}"))))
                .containsExactly("#asset#acme.com#api.acme.com");
        assertThat(keys(query(assets("{\"field\":\"status\",\"operator\":\"=\",\"value\":\"A\",\"not\":true}"))))
                .containsExactly("#asset#acme.com#api.acme.com");
        assertThat(keys(query(assets("{\"field\":\"class\",\"operator\":\"=\",\"value\":[\"ipv4\",\"nothing\"]}"))))
                .containsExactly("#asset#acme.com#10.0.0.5");
        assertThat(keys(query(assets("{\"field\":\"asname\",\"operator\":\"IS NOT NULL\"}"))))
                .containsExactly("#asset#acme.com#10.0.0.5");
        assertThat(keys(query(assets("{\"field\":\"asname\",\"operator\":\"IS NULL\"}")))).hasSize(2);
        assertThat(keys(query(assets("{\"field\":\"attackSurface\",\"operator\":\"ANY_IN\",\"value\":[\"internal\"]}"))))
                .containsExactly("#asset#acme.com#10.0.0.5");
        assertThat(keys(query(assets("{\"field\":\"attackSurface\",\"operator\":\"ANY_STARTS_WITH\",\"value\":\"ext\"}"))))
                .containsExactly("#asset#acme.com#www.acme.com");
        assertThat(keys(query(assets("{\"field\":\"key\",\"operator\":\">\",\"value\":\"#asset#acme.com#v\"}"))))
                .containsExactly("#asset#acme.com#www.acme.com");
        assertThat(keys(query(assets("{\"field\":\"key\",\"operator\":\"<=\",\"value\":\"#asset#acme.com#10.0.0.5\"}"))))
                .containsExactly("#asset#acme.com#10.0.0.5");
        assertThat(keys(query(assets("{\"operator\":\"OR\",\"value\":["
                + "{\"field\":\"status\",\"operator\":\"=\",\"value\":\"F\"},"
                + "{\"field\":\"class\",\"operator\":\"=\",\"value\":\"ipv4\"}]}")))).hasSize(2);
        assertThat(keys(query(assets("{\"operator\":\"AND\",\"value\":["
                + "{\"field\":\"status\",\"operator\":\"=\",\"value\":\"A\"},"
                + "{\"field\":\"class\",\"operator\":\"=\",\"value\":\"ipv4\"}]}"))))
                .containsExactly("#asset#acme.com#10.0.0.5");
        assertThat(keys(query(assets("{\"field\":\"key\",\"operator\":\"<\",\"value\":\"#asset#acme.com#b\"},"
                + "{\"field\":\"key\",\"operator\":\">=\",\"value\":\"#asset#acme.com#api\"}"))))
                .containsExactly("#asset#acme.com#api.acme.com");
    }

    @Test
    void searchMatchesSubstringsOfKeysAndNamesAsParametersOnly() {
        assertThat(keys(query("{\"node\":{\"labels\":[\"Asset\"],\"search\":\"API.acme\"}}")))
                .containsExactly("#asset#acme.com#api.acme.com");
        assertThat(keys(query("{\"node\":{\"labels\":[\"Asset\"],\"search\":\"' OR 1=1 //\"}}"))).isEmpty();
    }

    @Test
    void pagesCarryTheNextPageNumberAsTheOffset() {
        var first = query("{\"node\":{\"labels\":[\"Asset\"]},\"limit\":2,\"page\":0}");
        assertThat(keys(first)).hasSize(2);
        assertThat(first.get("offset").asText()).isEqualTo("1");
        var second = query("{\"node\":{\"labels\":[\"Asset\"]},\"limit\":2,\"page\":1}");
        assertThat(keys(second)).hasSize(1);
        assertThat(second.has("offset")).isFalse();
        var ordered = query("{\"node\":{\"labels\":[\"Asset\"]},\"orderBy\":\"name\",\"descending\":true}");
        assertThat(keys(ordered).get(0)).isEqualTo("#asset#acme.com#www.acme.com");
    }

    @Test
    void oneHopRelationshipsWorkInTheSourceForm() {
        // Attributes whose parent (the relationship's source) is a given asset.
        var attrs = query("""
                {"node":{"labels":["Attribute"],"relationships":[{"label":"HAS_ATTRIBUTE",
                  "source":{"labels":["Asset"],"filters":[{"field":"key","operator":"=","value":"#asset#acme.com#www.acme.com"}]}}]}}""");
        assertThat(keys(attrs)).containsExactly("#attribute#https#443#asset#acme.com#www.acme.com");
    }

    @Test
    void oneHopRelationshipsWorkInTheTargetForm() {
        // Assets that point at a port 443.
        var withPort = query("""
                {"node":{"labels":["Asset"],"relationships":[{"label":["HAS_PORT","HAS_ATTRIBUTE"],
                  "target":{"labels":["Port"],"filters":[{"field":"port","operator":"=","value":443}]}}]}}""");
        assertThat(keys(withPort)).containsExactly("#asset#acme.com#www.acme.com");
    }

    @Test
    void twoHopRelationshipsNestInBothForms() {
        var attrs = query("""
                {"node":{"labels":["Attribute"],"relationships":[{"label":"HAS_ATTRIBUTE","source":{"labels":["Asset"],
                  "relationships":[{"label":"HAS_PORT","target":{"labels":["Port"],
                    "filters":[{"field":"protocol","operator":"=","value":"tcp"}]}}]}}]}}""");
        assertThat(keys(attrs)).containsExactly("#attribute#https#443#asset#acme.com#www.acme.com");
        var none = query("""
                {"node":{"labels":["Attribute"],"relationships":[{"label":"HAS_ATTRIBUTE","source":{"labels":["Asset"],
                  "relationships":[{"label":"HAS_PORT","target":{"labels":["Port"],
                    "filters":[{"field":"protocol","operator":"=","value":"udp"}]}}]}}]}}""");
        assertThat(keys(none)).isEmpty();
        var ports = query("""
                {"node":{"labels":["Port"],"relationships":[{"label":"HAS_PORT","source":{"labels":["Asset"],
                  "relationships":[{"label":"HAS_ATTRIBUTE","target":{"labels":["Attribute"],
                    "filters":[{"field":"name","operator":"=","value":"https"}]}}]}}]}}""");
        assertThat(keys(ports)).containsExactly("#port#tcp#443#asset#acme.com#www.acme.com");
    }

    @Test
    void responsesUsePluralEnvelopesPerType() {
        var all = query("{\"node\":{\"labels\":[\"Asset\",\"Attribute\",\"Port\"]}}");
        assertThat(all.has("assets")).isTrue();
        assertThat(all.has("attributes")).isTrue();
        assertThat(all.has("ports")).isTrue();
        JsonNode asset = all.get("assets").get(0);
        assertThat(asset.has("uid")).isFalse();
        assertThat(asset.has("_seq")).isFalse();
        assertThat(asset.get("history").isArray()).isTrue();
    }
}
