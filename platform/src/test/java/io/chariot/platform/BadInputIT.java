package io.chariot.platform;

import io.chariot.asset.config.AssetConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of bad input gets a 4xx {@code application/problem+json} that says what is wrong, and nothing reaches
 * the event store.
 */
class BadInputIT extends PlatformIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private long events(ChariotClient cli) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE :t")
                .param("t", cli.tenant + "%").query(Long.class).single();
    }

    private static String json(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertProblem(ChariotClient.Response r, int status, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).containsIgnoringCase(detailPart);
    }

    @Test
    void malformedJsonIsRejectedWithAProblemAndWritesNothing() {
        ChariotClient cli = newTenant();
        assertProblem(cli.put("/asset", "{\"group\":\"example.com\","), 400, "malformed JSON");
        assertThat(events(cli)).isZero();
    }

    @Test
    void aMissingOrEmptyGroupOrIdentifierIsRejected() {
        ChariotClient cli = newTenant();
        assertProblem(cli.put("/asset", "{\"identifier\":\"1.2.3.4\"}"), 400, "group is required");
        assertProblem(cli.put("/asset", "{\"group\":\"example.com\",\"identifier\":\"  \"}"), 400,
                "identifier is required");
        assertThat(events(cli)).isZero();
    }

    @Test
    void keysThatDoNotMatchChariotsFormatsAreRejected() {
        ChariotClient cli = newTenant();
        assertProblem(cli.put("/asset", "{\"key\":\"#risk#example.com#x\",\"status\":\"A\"}"), 400, "asset key");
        assertProblem(cli.delete("/asset", "{\"key\":\"#risk#example.com#x\"}"), 400, "asset key");
        assertProblem(cli.delete("/attribute", "{\"key\":\"#asset#a#b\"}"), 400, "attribute key");
        assertThat(events(cli)).isZero();
    }

    @Test
    void unknownStatusesAreRejected() {
        ChariotClient cli = newTenant();
        assertProblem(cli.put("/asset", "{\"group\":\"example.com\",\"identifier\":\"a.example.com\",\"status\":\"ZZ\"}"),
                400, "unknown asset status 'ZZ'");
        assertThat(events(cli)).isZero();
    }

    @Test
    void updatingAnAssetThatDoesNotExistIsNotFound() {
        ChariotClient cli = newTenant();
        assertProblem(cli.put("/asset", "{\"key\":\"#asset#example.com#missing.example.com\",\"status\":\"F\"}"),
                404, "not found");
    }

    @Test
    void oversizedBodiesAreRejectedWith413() {
        ChariotClient cli = newTenant();
        String huge = "{\"group\":\"example.com\",\"identifier\":\"" + "a".repeat(2_000_000) + "\"}";
        var r = cli.put("/asset", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(events(cli)).isZero();
    }

    @Test
    void unknownFilterOperatorsAndBadIdentifiersAreRejected() {
        ChariotClient cli = newTenant();
        assertProblem(cli.post("/my", """
                {"node":{"labels":["Asset"],"filters":[{"field":"key","operator":"MATCHES","value":"x"}]}}"""),
                400, "unknown filter operator 'MATCHES'");
        assertProblem(cli.post("/my", """
                {"node":{"labels":["Asset) DETACH DELETE (n"]}}"""), 400, "not a valid identifier");
        assertProblem(cli.post("/my", """
                {"node":{"labels":["Asset"],"filters":[{"field":"key` = 1 OR true //","operator":"=","value":"x"}]}}"""),
                400, "not a valid identifier");
    }

    @Test
    void badOffsetsAreRejected() {
        ChariotClient cli = newTenant();
        assertProblem(cli.get("/my?key=%23asset&offset=not-an-offset"), 400, "offset");
        // A well-formed offset that points into another tenant's partition is refused too.
        String foreign = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"username\":\"someone-else@example.com\",\"key\":\"#asset#a#b\"}".getBytes());
        assertProblem(cli.get("/my?key=%23asset&offset=" + foreign), 400, "offset");
    }

    @Test
    void aPageLargerThanTheServerAllowsAsksTheClientToReducePageSize() {
        ChariotClient cli = newTenant();
        assertProblem(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"]},\"limit\":100000,\"page\":0}"), 413,
                "reduce page size");
    }

    @Test
    void requestsWithoutATokenAreUnauthorized() {
        ChariotClient cli = newTenant();
        var r = cli.unauthenticated("GET", "/my?key=%23asset", null);
        assertProblem(r, 401, "bearer token");
        var put = cli.unauthenticated("PUT", "/asset", "{\"group\":\"example.com\",\"identifier\":\"x.example.com\"}");
        assertThat(put.status()).isEqualTo(401);
        assertThat(events(cli)).isZero();
    }

    @Test
    void aWrongApiKeySecretGetsNoToken() {
        var r = new ChariotClient("http://127.0.0.1:" + port, "nobody@example.com", "no-such-key", "wrong").token();
        assertProblem(r, 401, "invalid or revoked API key");
    }

    @Test
    void valuesNoStoreCanHoldAreRefusedUpFrontAndWriteNothing() {
        ChariotClient cli = newTenant();
        String asset = "#asset#example.com#1.2.3.4";
        assertProblem(cli.put("/asset", "{\"group\":\"a\\u0000b\",\"identifier\":\"x\"}"), 400,
                "group must not contain NUL");
        assertProblem(cli.put("/asset", "{\"group\":\"" + "a".repeat(600) + "\",\"identifier\":\"" + "b".repeat(600)
                + "\"}"), 400, "a key is at most 1024 bytes");
        assertProblem(cli.put("/attribute", "{\"key\":\"" + asset + "\",\"name\":\"\\ud800\",\"value\":\"1\"}"), 400,
                "unpaired surrogate");
        assertProblem(cli.put("/risk", "{\"key\":\"" + asset + "\",\"name\":\"" + "r".repeat(100_000)
                + "\",\"status\":\"TH\"}"), 400, "a key is at most 1024 bytes");
        assertProblem(cli.put("/setting", "{\"name\":\"s\",\"value\":1e308}"), 400, "value is out of range");
        assertProblem(cli.put("/setting", "{\"name\":\"s\",\"value\":{\"a\":[1e-200]}}"), 400, "out of range");
        assertProblem(cli.put("/setting", "{\"name\":\"s\",\"value\":{\"\":1}}"), 400, "empty name");
        assertProblem(cli.put("/setting", "{\"name\":\"s\\u0000t\",\"value\":1}"), 400, "NUL");
        assertProblem(cli.post("/account/" + "m".repeat(400) + "@example.com", "{\"role\":\"admin\"}"), 400,
                "longer than 320 characters");
        assertProblem(cli.post("/key", "{\"name\":\"k\",\"expires\":99999999999999}"), 400,
                "expires must be between");
        assertProblem(cli.get("/my?key=" + "%23asset%23" + "a".repeat(2000) + "&exact=true"), 400,
                "a key is at most 1024 bytes");
        assertThat(events(cli)).isZero();
    }

    @Test
    void anAssetWhoseAttributesHoldAnyUnicodeLivesOnPastItsSnapshot() {
        ChariotClient cli = newTenant();
        String asset = "#asset#snapshot.example#10.0.0.1";
        assertThat(cli.put("/asset", "{\"group\":\"snapshot.example\",\"identifier\":\"10.0.0.1\"}").status())
                .isEqualTo(200);
        // the value that once poisoned an asset: refused, so its snapshot can always be read back
        assertProblem(cli.put("/attribute", "{\"key\":\"" + asset + "\",\"name\":\"\\ud800\",\"value\":\"1\"}"), 400,
                "unpaired surrogate");
        List<String> names = List.of("\ud83d\ude00", "\u202eevil", "\u05e9\u05dc\u05d5\u05dd", "xn--80ak6aa92e",
                "e\u0301", "\u0130", "tab\tname");
        for (int i = 0; i < AssetConfiguration.SNAPSHOT_THRESHOLD + 5; i++) {
            String name = names.get(i % names.size()) + i;
            var added = cli.put("/attribute", "{\"key\":\"" + asset + "\",\"name\":" + json(name)
                    + ",\"value\":\"v\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(200);
        }
        String id = cli.tenant + asset;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM snapshotEventEntry WHERE aggregateIdentifier = :id").param("id", id)
                .query(Long.class).single()).isPositive());
        var later = cli.put("/asset", "{\"key\":\"" + asset + "\",\"status\":\"F\"}");
        assertThat(later.status()).as(later.body()).isEqualTo(200);
        assertThat(later.json().get(0).get("status").asText()).isEqualTo("F");
    }

    @Test
    void bodiesThatCannotBeBoundAreDescribedInTheClientsTermsNeverInJavas() {
        ChariotClient cli = newTenant();
        var wrongType = cli.put("/asset", "{\"group\":[\"a\"],\"identifier\":\"x\"}");
        assertProblem(wrongType, 400, "group must be a string");
        assertProblem(cli.put("/asset", "{\"group\":\"a\",\"attackSurface\":\"x\"}"), 400,
                "attackSurface must be a list");
        assertProblem(cli.post("/my", "{\"node\":{\"labels\":\"Asset\"}}"), 400, "node.labels must be a list");
        var missing = cli.put("/asset", "");
        assertProblem(missing, 400, "a JSON body is required");
        for (var r : List.of(wrongType, missing, cli.put("/asset", "{\"group\":\"a\""))) {
            assertThat(r.body()).doesNotContain("java.").doesNotContain("io.chariot").doesNotContain("Source:");
        }
        assertThat(events(cli)).isZero();
    }

    @Test
    void graphQueriesAreBoundedInValuesAndLength() {
        ChariotClient cli = newTenant();
        String values = "[" + "\"v\",".repeat(100) + "\"v\"]";
        assertProblem(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"name\","
                + "\"operator\":\"IN\",\"value\":" + values + "}]}}"), 400, "more than 100 values");
        assertProblem(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"name\","
                + "\"operator\":\"LIKE\",\"value\":\"" + "%a".repeat(30_000) + "\"}]}}"), 400, "longer than 1024 bytes");
    }

    @Test
    void theErrorPageCalledDirectlyIsAProblemNotAServerError() {
        assertProblem(newTenant().get("/error"), 404, "not found");
    }
}
