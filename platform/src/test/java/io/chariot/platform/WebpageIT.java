package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.chariot.platform.AssetKindsIT.keys;
import static io.chariot.platform.AssetKindsIT.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webpages as praetorian-cli's {@code sdk.webpage} drives them, on the real servers: add under a web application
 * (the HAS_WEBPAGE edge, in either order of arrival), get and list by URL fragment and by parent, link and unlink
 * source files (a missing one is 404 "not found"), a risk on a page, and deletion — through the API and in the
 * DynamoDB and Neo4j read models.
 */
class WebpageIT extends PlatformIntegrationTest {

    static final String APP = "#webapplication#https://shop.example.com/";
    static final String URL = "https://shop.example.com/login.html";
    static final String PAGE = "#webpage#" + URL;

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    Driver neo4j;

    @Test
    void aWebpageUnderAWebApplicationIsListedByParentAndByUrlAndDeletedForGood() {
        ChariotClient cli = newTenant();
        // The page first: its parent's node does not exist yet, the edge still ends up in the graph.
        var added = cli.post("/webpage", """
                {"webpage":{"url":"%s","status":"A"},"parent_key":"%s"}""".formatted(URL, APP));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        JsonNode page = added.json().get("webpages").get(0);
        assertThat(page.get("key").asText()).isEqualTo(PAGE);
        assertThat(page.get("url").asText()).isEqualTo(URL);
        assertThat(page.get("status").asText()).isEqualTo("A");
        assertThat(page.get("parents").get(0).asText()).isEqualTo(APP);
        cli.put("/asset", "{\"group\":\"Shop\",\"identifier\":\"https://shop.example.com\",\"type\":\"webapplication\"}");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            // sdk.webpage.get: Webpage with key =
            JsonNode got = cli.post("/my", query("Webpage", "key", "=", PAGE)).json().get("webpages").get(0);
            assertThat(got.get("url").asText()).isEqualTo(URL);
            // sdk.webpage.list(filter=half the url): node.search
            assertThat(keys(cli.post("/my", """
                    {"node":{"labels":["Webpage"],"search":"%s"},"limit":4096}""".formatted(URL.substring(0, 20)))))
                    .containsExactly(PAGE);
            // Webpage ← HAS_WEBPAGE ← WebApplication(key = APP): the edge points from the application to the page
            assertThat(keys(cli.post("/my", """
                    {"node":{"labels":["Webpage"],"relationships":[{"label":"HAS_WEBPAGE","source":\
                    {"labels":["WebApplication"],"filters":[{"field":"key","operator":"=","value":"%s","not":false}]}}]},\
                    "limit":4096}""".formatted(APP)))).containsExactly(PAGE);
            var item = dynamo.getItem(b -> b.tableName(liveTable("webpages-dynamodb")).key(Map.of(
                    "username", AttributeValue.fromS(cli.tenant), "key", AttributeValue.fromS(PAGE)))).item();
            assertThat(item.get("url").s()).isEqualTo(URL);
            assertThat(item.get("parents").l().get(0).s()).isEqualTo(APP);
            assertThat(cli.my("#webpage#").json().get("webpages").get(0).get("key").asText()).isEqualTo(PAGE);
        });

        var deleted = cli.delete("/webpage", "{\"webpage\":{\"key\":\"" + PAGE + "\"}}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("webpages").get(0).get("key").asText()).isEqualTo(PAGE);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(cli.post("/my", query("Webpage", "key", "=", PAGE)).body()).isEqualTo("{}");
            assertThat(cli.my("#webpage#").body()).isEqualTo("{}");
            try (var session = neo4j.session()) {
                assertThat(session.run("MATCH (:" + liveLabel("Asset") + " {uid: $p})-[e:HAS_WEBPAGE]->() "
                        + "RETURN count(e) AS n", Map.of("p", cli.tenant + APP)).single().get("n").asLong())
                        .isZero();
            }
        });
        assertThat(cli.delete("/webpage", "{\"webpage\":{\"key\":\"" + PAGE + "\"}}").status()).isEqualTo(404);
    }

    @Test
    void aSourceFileIsLinkedOnlyIfItExistsAndUnlinkingAnythingAnswersThePage() {
        ChariotClient cli = newTenant();
        cli.post("/webpage", "{\"webpage\":{\"url\":\"" + URL + "\",\"status\":\"A\"}}");
        String missing = "#file#src/missing.js";
        var notFound = cli.put("/webpage/link", link(PAGE, missing));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).contains("not found");
        assertThat(cli.put("/webpage/link", link(PAGE, "#repository#https://github.com/o/r.git#r.git")).status())
                .isEqualTo(404);

        String name = "src/login.js";
        String url = cli.put("/file?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), "").json()
                .get("url").asText();
        assertThat(ChariotClient.follow("PUT", url, "console.log(1)".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(200);
        var linked = cli.put("/webpage/link", link(PAGE, "#file#" + name));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.json().get("key").asText()).isEqualTo(PAGE);
        assertThat(linked.json().get("artifacts").toString()).isEqualTo("[\"#file#src/login.js\"]");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(cli.post("/my", query("Webpage", "key", "=", PAGE)).json().get("webpages").get(0)
                    .get("artifacts").toString()).isEqualTo("[\"#file#src/login.js\"]");
            assertThat(cli.my(PAGE).json().get("webpages").get(0).get("artifacts").toString())
                    .isEqualTo("[\"#file#src/login.js\"]");
        });

        // praetorian-cli unlink webpage-source prints the page's key from the answer, linked or not
        var unlinkedMissing = cli.delete("/webpage/link", link(PAGE, missing));
        assertThat(unlinkedMissing.status()).isEqualTo(200);
        assertThat(unlinkedMissing.json().get("key").asText()).isEqualTo(PAGE);
        var unlinked = cli.delete("/webpage/link", link(PAGE, "#file#" + name));
        assertThat(unlinked.json().get("artifacts")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(cli.post("/my", query("Webpage", "key", "=", PAGE)).json().get("webpages").get(0)
                    .get("artifacts")).isEmpty();
            assertThat(cli.my(PAGE).json().get("webpages").get(0).get("artifacts")).isEmpty();
        });
    }

    @Test
    void aRiskOnAWebpageIsLinkedToItsNode() {
        ChariotClient cli = newTenant();
        cli.post("/webpage", "{\"webpage\":{\"url\":\"" + URL + "\",\"status\":\"A\"}}");
        var risk = cli.put("/risk", "{\"key\":\"" + PAGE + "\",\"name\":\"reflected-xss\",\"status\":\"TH\"}");
        assertThat(risk.status()).as(risk.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(keys(cli.post("/my", """
                {"node":{"labels":["Risk"],"relationships":[{"label":"HAS_VULNERABILITY","source":\
                {"labels":["Webpage"],"filters":[{"field":"key","operator":"=","value":"%s","not":false}]}}]},\
                "limit":4096}""".formatted(PAGE)))).containsExactly("#risk#shop.example.com#reflected-xss"));
    }

    @Test
    void badWebpageBodiesAreBadRequestsThatWriteNothing() {
        ChariotClient cli = newTenant();
        for (String body : new String[]{"{}", "{\"webpage\":{\"url\":\"\"}}", "{\"webpage\":{\"url\":\"shop.example.com/x\"}}",
                "{\"webpage\":{\"url\":\"" + URL + "\"},\"parent_key\":\"#asset#a#b\"}",
                "{\"webpage\":{\"url\":\"" + URL + "\",\"status\":\"Z\"}}"}) {
            var r = cli.post("/webpage", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(cli.put("/webpage/link", link(PAGE, "#asset#a#b")).status()).isEqualTo(400);
        assertThat(cli.put("/webpage/link", link("#webpage#nope", "#file#a")).status()).isEqualTo(400);
        assertThat(cli.delete("/webpage", "{\"webpage\":{}}").status()).isEqualTo(400);
        assertThat(cli.my("#webpage#").body()).isEqualTo("{}");
    }

    private static String link(String page, String entity) {
        return "{\"webpageKey\":\"" + page + "\",\"entityKey\":\"" + entity + "\"}";
    }
}
