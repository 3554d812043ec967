package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seeds (assets with source seed) and preseeds end to end: praetorian-cli 2.4.8's exact bodies in, the event store,
 * then the DynamoDB table ({@code GET /my}) and the graph ({@code POST /my}) out.
 */
class SeedsAndPreseedsIT extends PlatformIntegrationTest {

    static final String SEED_KEY = "#asset#seed.example#seed.example";
    static final String PRESEED_KEY = "#preseed#whois+company#Example Company#example company";

    @Test
    void aSeedAddedAsTheCliDoesIsAPendingPermanentAssetListedAsASeedInEveryStore() {
        ChariotClient cli = newTenant();
        // praetorian-cli: sdk.seeds.add(dns='seed.example') → PUT /seed {type, model:{dns, status}}
        var added = cli.put("/seed", "{\"type\":\"asset\",\"model\":{\"dns\":\"seed.example\",\"status\":\"P\"}}");
        assertThat(added.status()).isEqualTo(200);
        JsonNode seed = added.json();
        assertThat(seed.get("key").asText()).isEqualTo(SEED_KEY);
        assertThat(seed.get("source").asText()).isEqualTo("seed");
        assertThat(seed.get("status").asText()).isEqualTo("P");
        assertThat(seed.get("ttl").asLong()).isZero();

        // list seeds: POST /my on the Seed label (graph), and GET /my?key=#seed# (table)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(cli.post("/my", "{\"node\":{\"labels\":[\"Seed\"]},\"limit\":4096,\"page\":0}").json()
                    .get("assets").get(0).get("key").asText()).isEqualTo(SEED_KEY);
            assertThat(cli.my("#seed#").json().get("assets").get(0).get("key").asText()).isEqualTo(SEED_KEY);
        });
        assertThat(cli.my("#seed#asset#seed.example").json().get("assets")).hasSize(1);
        assertThat(cli.my("#seed#asset#other.example").json().has("assets")).isFalse();

        // update seed, then delete seed: PUT /seed {key, status}
        var updated = cli.put("/seed", "{\"key\":\"" + SEED_KEY + "\",\"status\":\"A\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("status").asText()).isEqualTo("A");
        var deleted = cli.put("/seed", "{\"key\":\"" + SEED_KEY + "\",\"status\":\"D\",\"comment\":\"gone\"}");
        assertThat(deleted.json().get("status").asText()).isEqualTo("D");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode item = cli.get("/my?key=%23asset%23seed.example%23seed.example&exact=true").json()
                    .get("assets").get(0);
            assertThat(item.get("status").asText()).isEqualTo("D");
            assertThat(item.get("history").get(item.get("history").size() - 1).get("comment").asText())
                    .isEqualTo("gone");
        });
    }

    @Test
    void seedingAnExistingAssetByKeyPromotesItAndTheGraphLabelsItSeed() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\":\"promote.example\",\"identifier\":\"10.1.1.1\",\"status\":\"A\"}");
        var r = cli.put("/seed", "{\"key\":\"#asset#promote.example#10.1.1.1\",\"status\":\"A\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("source").asText()).isEqualTo("seed");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(cli.post("/my",
                "{\"node\":{\"labels\":[\"Seed\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                        + "\"value\":\"#asset#promote.example#10.1.1.1\",\"not\":false}]},\"limit\":4096,\"page\":0}")
                .json().get("assets")).hasSize(1));
    }

    @Test
    void aLegacySeedKeyNamesTheAssetADnsOnlySeedCreated() {
        ChariotClient cli = newTenant();
        cli.put("/seed", "{\"dns\":\"legacy.example\",\"status\":\"P\"}");
        var r = cli.put("/seed", "{\"key\":\"#seed#domain#legacy.example\",\"status\":\"F\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("key").asText()).isEqualTo("#asset#legacy.example#legacy.example");
        assertThat(r.json().get("status").asText()).isEqualTo("F");
    }

    @Test
    void badSeedRequestsAreProblemsAndWriteNothing() {
        ChariotClient cli = newTenant();
        var unknown = cli.put("/seed", "{\"key\":\"#asset#nowhere.example#nowhere.example\",\"status\":\"A\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(cli.put("/seed", "{\"type\":\"asset\",\"model\":{\"dns\":\"x.example\",\"status\":\"Q\"}}")
                .status()).isEqualTo(400);
        assertThat(cli.put("/seed", "{\"type\":\"addomain\",\"model\":{\"dns\":\"x.example\",\"status\":\"P\"}}")
                .status()).isEqualTo(400);
        assertThat(cli.put("/seed", "{\"type\":\"asset\",\"model\":{\"status\":\"P\"}}").status()).isEqualTo(400);
        assertThat(cli.put("/seed", "{\"key\":\"#risk#x#y\",\"status\":\"A\"}").status()).isEqualTo(400);
        assertThat(cli.get("/my?key=%23asset%23x.example%23x.example&exact=true").json().has("assets")).isFalse();
    }

    @Test
    void preseedsAreAddedUpdatedListedAndRemovedAsTheCliDoes() {
        ChariotClient cli = newTenant();
        // sdk.preseeds.add → POST /preseed {type, title, value, status}
        var added = cli.post("/preseed",
                "{\"type\":\"whois+company\",\"title\":\"Example Company\",\"value\":\"example company\",\"status\":\"A\"}");
        assertThat(added.status()).isEqualTo(200);
        JsonNode preseed = added.json().get("preseeds").get(0);
        assertThat(preseed.get("key").asText()).isEqualTo(PRESEED_KEY);
        assertThat(preseed.get("status").asText()).isEqualTo("A");
        assertThat(preseed.get("ttl").asLong()).isPositive();

        // list preseeds / get preseed: GET /my (table) and POST /my on the Preseed label (graph)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(cli.my("#preseed#").json().get("preseeds").get(0).get("key").asText())
                    .isEqualTo(PRESEED_KEY);
            assertThat(cli.post("/my", "{\"node\":{\"labels\":[\"Preseed\"],\"filters\":[{\"field\":\"key\","
                    + "\"operator\":\"=\",\"value\":\"" + PRESEED_KEY + "\",\"not\":false}]},\"limit\":4096,\"page\":0}")
                    .json().get("preseeds").get(0).get("title").asText()).isEqualTo("Example Company");
        });
        assertThat(cli.my("#preseed#whois").json().get("preseeds")).hasSize(1);
        assertThat(cli.my("#preseed#dns").json().has("preseeds")).isFalse();

        // sdk.preseeds.update(key, 'F', comment=…) → PUT /preseed {key, status, comment}
        var updated = cli.put("/preseed", "{\"key\":\"" + PRESEED_KEY
                + "\",\"status\":\"F\",\"comment\":\"Temporarily frozen pending review\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("preseeds").get(0).get("status").asText()).isEqualTo("F");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode item = cli.my("#preseed#").json().get("preseeds").get(0);
            assertThat(item.get("status").asText()).isEqualTo("F");
            assertThat(item.get("history").get(0).get("to").asText()).isEqualTo("F");
            assertThat(item.get("history").get(0).get("comment").asText())
                    .isEqualTo("Temporarily frozen pending review");
            assertThat(cli.post("/my", "{\"node\":{\"labels\":[\"Preseed\"],\"filters\":[{\"field\":\"status\","
                    + "\"operator\":\"=\",\"value\":\"F\",\"not\":false}]},\"limit\":4096,\"page\":0}")
                    .json().get("preseeds")).hasSize(1);
        });

        // sdk.preseeds.delete → DELETE /preseed {key}: gone from every store
        assertThat(cli.delete("/preseed", "{\"key\":\"" + PRESEED_KEY + "\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(cli.my("#preseed#").json().has("preseeds")).isFalse();
            assertThat(cli.post("/my", "{\"node\":{\"labels\":[\"Preseed\"]},\"limit\":4096,\"page\":0}").json()
                    .has("preseeds")).isFalse();
        });
        assertThat(cli.delete("/preseed", "{\"key\":\"" + PRESEED_KEY + "\"}").status()).isEqualTo(404);
        assertThat(cli.put("/preseed", "{\"key\":\"" + PRESEED_KEY + "\",\"status\":\"A\"}").status())
                .isEqualTo(404);
    }

    @Test
    void badPreseedRequestsAreProblemsAndWriteNothing() {
        ChariotClient cli = newTenant();
        assertThat(cli.post("/preseed", "{\"type\":\"whois+company\",\"title\":\"T\",\"value\":\"v\",\"status\":\"P\"}")
                .status()).isEqualTo(400);
        assertThat(cli.post("/preseed", "{\"type\":\"whois+company\",\"title\":\"T\",\"value\":\"v\",\"status\":\"Z\"}")
                .status()).isEqualTo(400);
        assertThat(cli.post("/preseed", "{\"type\":\"whois#company\",\"title\":\"T\",\"value\":\"v\"}").status())
                .isEqualTo(400);
        assertThat(cli.post("/preseed", "{\"type\":\"whois+company\",\"value\":\"v\"}").status()).isEqualTo(400);
        var badKey = cli.put("/preseed", "{\"key\":\"#asset#a.example#a.example\",\"status\":\"A\"}");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.contentType()).startsWith("application/problem+json");
        assertThat(cli.put("/preseed", "{\"key\":\"" + PRESEED_KEY + "\"}").status()).isEqualTo(400);
        assertThat(cli.my("#preseed#").json().has("preseeds")).isFalse();
    }
}
