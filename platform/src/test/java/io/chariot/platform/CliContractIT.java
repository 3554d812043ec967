package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exact requests praetorian-cli 2.4.8 and chariot-ui send for assets and attributes (chariot-api.md §3.4, §3.5,
 * §4), replayed byte for byte, with the response shapes they rely on.
 */
class CliContractIT extends PlatformIntegrationTest {

    static final String ASSET_KEY = "#asset#example.com#1.2.3.4";

    @Test
    void tierZeroAnEmptyTenantListsAssetsAsAnEmptyObject() {
        ChariotClient cli = newTenant();
        var r = cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"]},\"limit\":4096,\"page\":0}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
    }

    @Test
    void tokenAnswersWithATokenWhoseEmailClaimIsTheTenant() throws Exception {
        ChariotClient cli = newTenant();
        var r = cli.token();
        assertThat(r.status()).isEqualTo(200);
        String token = r.json().get("token").asText();
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).get("email").asText())
                .isEqualTo(cli.tenant);
    }

    @Test
    void addAssetReturnsAListWhoseFirstItemCarriesTheFieldsTheCliAsserts() {
        ChariotClient cli = newTenant();
        var r = cli.put("/asset",
                "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\",\"attackSurface\":[\"\"],\"type\":\"asset\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        JsonNode asset = r.json().get(0);
        for (String field : new String[]{"key", "dns", "name", "group", "identifier", "status", "attackSurface",
                "class", "source", "created", "visited", "ttl", "username"}) {
            assertThat(asset.has(field)).as(field).isTrue();
        }
        assertThat(asset.get("key").asText()).isEqualTo(ASSET_KEY);
        assertThat(asset.get("attackSurface").isArray()).isTrue();
        assertThat(asset.get("ttl").isNumber()).isTrue();
    }

    @Test
    void listGetSearchUpdateAndDeleteAssetAsTheCliDoes() {
        ChariotClient cli = newTenant();
        cli.put("/asset",
                "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\",\"attackSurface\":[\"\"],\"type\":\"asset\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"]},\"limit\":4096,\"page\":0}").json().get("assets"))
                .hasSize(1));
        // chariot get asset KEY
        JsonNode got = cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                + "\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]},\"limit\":4096,\"page\":0}").json();
        assertThat(got.get("assets").get(0).get("identifier").asText()).isEqualTo("1.2.3.4");
        // chariot list assets -f '#asset#example.com' (key prefix, STARTS WITH)
        assertThat(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"STARTS WITH\","
                + "\"value\":\"#asset#example.com\",\"not\":false}]},\"limit\":4096,\"page\":0}").json().get("assets")).hasSize(1);
        // chariot search --term status:A --kind asset
        assertThat(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"status\",\"operator\":\"STARTS WITH\","
                + "\"value\":\"A\",\"not\":false}]},\"limit\":4096,\"page\":0}").json().get("assets")).hasSize(1);
        // GET /my key prefix and exact, as chariot-ui does
        assertThat(cli.my("#asset#example.com").json().get("assets")).hasSize(1);
        assertThat(cli.get("/my?key=%23asset%23example.com%231.2.3.4&exact=true").json().get("assets")).hasSize(1);
        assertThat(cli.my("status:A").json().get("assets")).hasSize(1);

        // chariot update asset KEY -s F
        var updated = cli.put("/asset", "{\"key\":\"#asset#example.com#1.2.3.4\",\"status\":\"F\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get(0).get("status").asText()).isEqualTo("F");
        // chariot delete asset KEY, then get shows status D
        assertThat(cli.delete("/asset", "{\"key\":\"#asset#example.com#1.2.3.4\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(cli.post("/my",
                "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                        + "\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]},\"limit\":4096,\"page\":0}")
                .json().get("assets").get(0).get("status").asText()).isEqualTo("D"));
    }

    @Test
    void deleteAssetAcceptsAKeyPrefixAndSoftDeletesEveryMatch() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\":\"prefix.example\",\"identifier\":\"a.prefix.example\",\"status\":\"A\"}");
        cli.put("/asset", "{\"group\":\"prefix.example\",\"identifier\":\"b.prefix.example\",\"status\":\"A\"}");
        cli.put("/asset", "{\"group\":\"other.example\",\"identifier\":\"c.other.example\",\"status\":\"A\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cli.my("#asset#").json().get("assets")).hasSize(3));
        var deleted = cli.delete("/asset", "{\"key\":\"#asset#prefix.example\"}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).hasSize(2);
        deleted.json().forEach(a -> assertThat(a.get("status").asText()).isEqualTo("D"));
        assertThat(cli.delete("/asset", "{\"key\":\"#asset#nothing.example\"}").status()).isEqualTo(404);
    }

    @Test
    void getMyPagesWithAnOpaqueOffsetThatTheCliSendsBackJsonEncoded() {
        ChariotClient cli = newTenant();
        for (int i = 0; i < 10; i++) {
            cli.put("/asset", "{\"group\":\"page.example\",\"identifier\":\"10.9.0." + i + "\",\"status\":\"A\"}");
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cli.my("#asset#page.example#10.9.0.9").json().get("assets")).hasSize(1));
        java.util.Set<String> seen = new java.util.TreeSet<>();
        String offset = null;
        int pages = 0;
        do {
            String url = "/my?key=%23asset%23page.example" + (offset == null ? ""
                    : "&offset=" + java.net.URLEncoder.encode("\"" + offset + "\"", java.nio.charset.StandardCharsets.UTF_8));
            JsonNode page = cli.get(url).json();
            page.get("assets").forEach(a -> seen.add(a.get("key").asText()));
            offset = page.has("offset") ? page.get("offset").asText() : null;
            pages++;
        } while (offset != null && pages < 10);
        assertThat(seen).hasSize(10);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void chariotUiCreatesAssetsWithPostAndDnsName() {
        ChariotClient cli = newTenant();
        var r = cli.post("/asset", "{\"dns\":\"uiexample.com\",\"name\":\"uiexample.com\",\"status\":\"A\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get(0).get("key").asText()).isEqualTo("#asset#uiexample.com#uiexample.com");
        assertThat(r.json().get(0).get("class").asText()).isEqualTo("tld");
    }

    @Test
    void addListAndDeleteAttributeAsTheCliDoes() {
        ChariotClient cli = newTenant();
        cli.put("/asset",
                "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\",\"attackSurface\":[\"\"],\"type\":\"asset\"}");
        var added = cli.put("/attribute", "{\"key\":\"#asset#example.com#1.2.3.4\",\"name\":\"port\",\"value\":\"22\"}");
        assertThat(added.status()).isEqualTo(200);
        JsonNode attribute = added.json().get("attributes").get(0);
        assertThat(attribute.get("key").asText()).isEqualTo("#attribute#port#22#asset#example.com#1.2.3.4");
        assertThat(attribute.get("source").asText()).isEqualTo(ASSET_KEY);
        // chariot list attributes -k KEY
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(cli.post("/my",
                "{\"node\":{\"labels\":[\"Attribute\"],\"filters\":[{\"field\":\"source\",\"operator\":\"=\","
                        + "\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]},\"limit\":4096,\"page\":0}")
                .json().get("attributes")).hasSize(1));
        // global=true returns nothing for tenant data
        assertThat(cli.post("/my?global=true", "{\"node\":{\"labels\":[\"Attribute\"]},\"limit\":4096,\"page\":0}")
                .body()).isEqualTo("{}");
        var deleted = cli.delete("/attribute", "{\"key\":\"#attribute#port#22#asset#example.com#1.2.3.4\"}");
        assertThat(deleted.status()).isEqualTo(200);
    }
}
