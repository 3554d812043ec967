package io.chariot.platform;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

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
}
