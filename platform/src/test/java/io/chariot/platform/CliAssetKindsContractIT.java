package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exact bodies praetorian-cli 2.4.8 sends for asset kinds, webpages, attributes and counts (its
 * {@code sdk/entities/assets.py}, {@code webpage.py}, {@code attributes.py}, {@code search.py}), replayed byte for
 * byte, with the response shapes the client reads.
 */
class CliAssetKindsContractIT extends PlatformIntegrationTest {

    @Test
    void assetsAddWithATypeAnswersAListWhoseFirstItemHasTheKindsKey() {
        ChariotClient cli = newTenant();
        // assets.add(group, identifier, type=…, status='A', surface='test-surface')
        JsonNode app = cli.put("/asset", "{\"group\": \"test-webapp-name-1\", \"identifier\": "
                + "\"https://test-webapp-1.com/\", \"status\": \"A\", \"attackSurface\": [\"test-surface\"], "
                + "\"type\": \"webapplication\"}").json().get(0);
        assertThat(app.get("key").asText()).isEqualTo("#webapplication#https://test-webapp-1.com/");
        assertThat(app.get("attackSurface").toString()).isEqualTo("[\"test-surface\"]");
        assertThat(app.get("status").asText()).isEqualTo("A");
        JsonNode domain = cli.put("/asset", "{\"group\": \"test-1.local\", \"identifier\": "
                + "\"S-1-5-21-1000000000-2000000000-3000000000-1001\", \"status\": \"A\", "
                + "\"attackSurface\": [\"test-surface\"], \"type\": \"addomain\"}").json().get(0);
        assertThat(domain.get("key").asText())
                .isEqualTo("#addomain#test-1.local#S-1-5-21-1000000000-2000000000-3000000000-1001");
        // assets.update(key, status='F', surface='abc')
        var updated = cli.put("/asset", "{\"key\": \"#webapplication#https://test-webapp-1.com/\", \"status\": \"F\", "
                + "\"attackSurface\": [\"abc\"]}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get(0).get("attackSurface").toString()).isEqualTo("[\"abc\"]");
        // assets.delete(key)
        assertThat(cli.delete("/asset", "{\"key\": \"#addomain#test-1.local#S-1-5-21-1000000000-2000000000-"
                + "3000000000-1001\"}").json().get(0).get("status").asText()).isEqualTo("D");
    }

    @Test
    void webpageAddDeleteAndSourceLinksTakeTheCliBodies() {
        ChariotClient cli = newTenant();
        // webpage.add(url)
        var added = cli.post("/webpage", "{\"webpage\": {\"url\": \"https://test-webpage-1.com/index.html\", "
                + "\"status\": \"A\"}}");
        assertThat(added.status()).isEqualTo(200);
        JsonNode page = added.json().get("webpages").get(0);
        assertThat(page.get("key").asText()).isEqualTo("#webpage#https://test-webpage-1.com/index.html");
        assertThat(page.get("url").asText()).isEqualTo("https://test-webpage-1.com/index.html");
        // webpage.link_source(webpage_key, entity_key) of a file that does not exist: the CLI prints the error
        var link = cli.put("/webpage/link", "{\"webpageKey\": \"#webpage#https://test-webpage-1.com/index.html\", "
                + "\"entityKey\": \"#file#test-nonexistent-1-2.txt\"}");
        assertThat(link.status()).isEqualTo(404);
        assertThat(link.body()).contains("not found");
        // webpage.unlink_source: the answer is a truthy object holding the page's key and its artifacts
        var unlink = cli.delete("/webpage/link", "{\"webpageKey\": \"#webpage#https://test-webpage-1.com/index.html\", "
                + "\"entityKey\": \"#file#test-nonexistent-1-2.txt\"}");
        assertThat(unlink.status()).isEqualTo(200);
        assertThat(unlink.json().get("key").asText()).isEqualTo("#webpage#https://test-webpage-1.com/index.html");
        assertThat(unlink.json().get("artifacts").isArray()).isTrue();
        // webpage.delete(key): the SDK parses the answer as JSON
        var deleted = cli.delete("/webpage", "{\"webpage\": {\"key\": \"#webpage#https://test-webpage-1.com/index.html\"}}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().isObject()).isTrue();
    }

    @Test
    void attributeListingBySourceAndCountByKeyPrefixAnswerTheShapesTheCliReads() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\": \"test-1.com\", \"identifier\": \"10.1.2.3\", \"status\": \"A\", "
                + "\"attackSurface\": [\"\"], \"type\": \"asset\"}");
        JsonNode attribute = cli.put("/attribute", "{\"key\": \"#asset#test-1.com#10.1.2.3\", \"name\": "
                + "\"test-attribute-name-1\", \"value\": \"test-attribute-value-1\"}").json().get("attributes").get(0);
        assertThat(attribute.get("key").asText())
                .isEqualTo("#attribute#test-attribute-name-1#test-attribute-value-1#asset#test-1.com#10.1.2.3");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            // search.by_source(key, 'attribute') → my_params_to_query → POST /my
            JsonNode bySource = cli.post("/my", "{\"node\": {\"labels\": [\"Attribute\"], \"filters\": [{\"field\": "
                    + "\"source\", \"operator\": \"STARTS WITH\", \"value\": \"#asset#test-1.com#10.1.2.3\", \"not\": "
                    + "false}]}, \"limit\": 4096, \"page\": 0}").json();
            assertThat(bySource.get("attributes").get(0).get("name").asText()).isEqualTo("test-attribute-name-1");
            assertThat(bySource.get("attributes").get(0).get("source").asText()).isEqualTo("#asset#test-1.com#10.1.2.3");
            // search -t "#asset#test-1.com" -c → search.count → GET /my/count?key=…; the CLI prints "A": 1
            JsonNode counts = cli.get("/my/count?key=%23asset%23test-1.com").json();
            assertThat(counts.get("status").get("A").asLong()).isEqualTo(1);
        });
    }
}
