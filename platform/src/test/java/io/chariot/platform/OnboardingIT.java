package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.chariot.platform.RiskGraphIT.keyIs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration onboarding on the real servers, with the provider a real HTTP server on loopback: a linked
 * integration is verified with its credentials, its seeds become assets with their discovery jobs queued, and it is
 * active; a provider that is down, or a seed the asset context rejects after others were imported, leaves nothing
 * behind — jobs cancelled, seeds removed, the integration failed with the reason — in every store the query API
 * reads.
 */
@Order(100) // writes a handful of events: early, before the heavy ones
class OnboardingIT extends PlatformIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** Stored is enough (the saga follows the event store); a lagging read model may answer 503 "stored". */
    private static void stored(ChariotClient.Response r) {
        boolean storedNotVisible = r.status() == 503 && r.json().path("stored").asBoolean();
        assertThat(r.status() == 200 || storedNotVisible).as(r.body()).isTrue();
    }

    private static JsonNode onboarding(ChariotClient ops, String tenant) {
        JsonNode sagas = ok(ops.get("/admin/sagas?type=integration-onboarding&tenant=" + tenant)).json()
                .path("sagas");
        assertThat(sagas).hasSize(1);
        return sagas.get(0);
    }

    /** The tenant's integration record as the query API lists it. */
    private static JsonNode integration(ChariotClient cli, String member) {
        for (JsonNode a : ok(cli.my("#account#")).json().path("accounts")) {
            if (a.path("member").asText().equals(member)) {
                return a;
            }
        }
        throw new AssertionError("no " + member + " integration listed");
    }

    private static List<JsonNode> items(ChariotClient cli, String key, String kind) {
        List<JsonNode> out = new ArrayList<>();
        ok(cli.my(key)).json().path(kind).forEach(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String value() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String link(String value, String token) {
        return "{\"value\":\"" + value + "\",\"config\":{\"org\":\"" + value + "\",\"token\":\"" + token + "\"}}";
    }

    @Test
    void aLinkedIntegrationIsVerifiedWithItsCredentialsItsSeedsBecomeAssetsWithDiscoveryQueuedAndItIsActive() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String value = value();
        String dns = value + ".example";
        String token = "tok-" + UUID.randomUUID();
        PROVIDER.answer(value, new ProviderServer.Answers(200, "{\"seeds\":[{\"dns\":\"" + dns + "\"},"
                + "{\"dns\":\"" + dns + "\",\"name\":\"www." + dns + "\"}]}"));

        stored(cli.post("/account/seedhub", link(value, token)));

        String apex = "#asset#" + dns + "#" + dns;
        String www = "#asset#" + dns + "#www." + dns;
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode saga = onboarding(ops, cli.tenant);
            assertThat(saga.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(texts(saga.path("steps"))).containsExactly("credentials verified by the provider",
                    "seed " + apex + " imported", "job #job#" + dns + "#" + dns + "#subdomain queued",
                    "seed " + www + " imported", "job #job#" + dns + "#www." + dns + "#subdomain queued",
                    "integration activated");
            assertThat(saga.path("deadlines").size()).isZero();
            assertThat(integration(cli, "seedhub").path("status").asText()).isEqualTo("active");
            List<JsonNode> seeds = items(cli, "#asset#" + dns, "assets");
            assertThat(seeds).extracting(a -> a.path("key").asText()).containsExactlyInAnyOrder(apex, www);
            assertThat(seeds).allSatisfy(a -> {
                assertThat(a.path("source").asText()).isEqualTo("seed");
                assertThat(a.path("status").asText()).isEqualTo("P");
            });
            List<JsonNode> jobs = items(cli, "#job#" + dns, "jobs");
            assertThat(jobs).hasSize(2).allSatisfy(j -> assertThat(j.path("status").asText()).startsWith("JQ#"));
        });
        // the provider was shown the credentials, opened for it, beside the redacted config; the operator's view
        // never shows them
        assertThat(PROVIDER.received(value)).extracting(b -> b.path("credentials").path("token").asText())
                .containsExactly(token, token);
        assertThat(PROVIDER.received(value)).extracting(b -> b.path("config").path("token").asText())
                .containsExactly("********", "********");
        assertThat(ops.get("/admin/sagas?tenant=" + cli.tenant).body()).doesNotContain(token);
    }

    @Test
    void aProviderThatIsDownFailsTheIntegrationWithTheReasonAndImportsAndQueuesNothing() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String value = value();

        stored(cli.post("/account/deadhub", link(value, "tok-" + UUID.randomUUID())));

        String reason = "credentials not verified: the provider at " + DEAD_PROVIDER
                + " did not answer verify (ConnectException)";
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode saga = onboarding(ops, cli.tenant);
            assertThat(saga.path("state").asText()).isEqualTo("COMPENSATED");
            assertThat(saga.path("reason").asText()).isEqualTo(reason);
            assertThat(texts(saga.path("steps"))).isEmpty();
            assertThat(texts(saga.path("compensations"))).containsExactly("integration marked failed");
            assertThat(saga.path("deadlines").size()).isZero();
            JsonNode integration = integration(cli, "deadhub");
            assertThat(integration.path("status").asText()).isEqualTo("failed");
            assertThat(integration.path("reason").asText()).isEqualTo(reason);
        });
        assertThat(items(cli, "#asset#", "assets")).isEmpty();
        assertThat(items(cli, "#job#", "jobs")).isEmpty();
    }

    @Test
    void aSeedTheAssetContextRejectsAfterOthersWereImportedCancelsTheirJobsRemovesThemAndFailsTheIntegration() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String value = value();
        String dns = value + ".example";
        PROVIDER.answer(value, new ProviderServer.Answers(200, "{\"seeds\":[{\"dns\":\"" + dns + "\"},"
                + "{\"dns\":\"" + dns + "\",\"name\":\"bad." + dns + "\",\"status\":\"BOGUS\"}]}"));

        stored(cli.post("/account/seedhub", link(value, "tok-" + UUID.randomUUID())));

        String apex = "#asset#" + dns + "#" + dns;
        String job = "#job#" + dns + "#" + dns + "#subdomain";
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode saga = onboarding(ops, cli.tenant);
            assertThat(saga.path("state").asText()).isEqualTo("COMPENSATED");
            assertThat(saga.path("reason").asText()).startsWith("seed " + dns + " bad." + dns + " not imported: ")
                    .contains("BOGUS");
            assertThat(texts(saga.path("steps"))).containsExactly("credentials verified by the provider",
                    "seed " + apex + " imported", "job " + job + " queued");
            assertThat(texts(saga.path("compensations"))).containsExactly("job " + job + " cancelled",
                    "seed " + apex + " removed", "integration marked failed");
            JsonNode integration = integration(cli, "seedhub");
            assertThat(integration.path("status").asText()).isEqualTo("failed");
            assertThat(integration.path("reason").asText()).isEqualTo(saga.path("reason").asText());

            // nothing orphaned: the job is cancelled, not queued (DynamoDB); the seed deleted in DynamoDB and Neo4j;
            // Redis counts no live asset of the tenant
            List<JsonNode> jobs = items(cli, "#job#", "jobs");
            assertThat(jobs).singleElement().satisfies(j -> {
                assertThat(j.path("status").asText()).startsWith("JF#");
                assertThat(j.path("reason").asText()).startsWith("cancelled: ");
            });
            assertThat(items(cli, "#asset#", "assets")).singleElement()
                    .satisfies(a -> assertThat(a.path("status").asText()).isEqualTo("D"));
            assertThat(ok(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"]," + keyIs(apex) + "}}")).json()
                    .path("assets").get(0).path("status").asText()).isEqualTo("D");
            JsonNode counts = ok(cli.get("/my/count?key=%23asset%23" + dns)).json().path("status");
            assertThat(counts.path("P").asLong() + counts.path("A").asLong()).isZero();
        });
    }
}
