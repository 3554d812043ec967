package io.chariot.services.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.infra.local.junit.WithLocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every service starts alone — its own process, the jar its image is made of, nothing else of ours running — against
 * the shared event store, Kafka and read stores of one local stack, is ready, and serves a real request of its own.
 * What one service stores is published to Kafka by it, applied later by the projections service started alone, and
 * read later by the query service started alone: the stores are the only thing they share. A write in a service
 * alone waits for read models it does not apply, and is settled once the projections service applies them in another
 * process (read-your-writes over Redis). Services working together — commands across processes, a saga's steps in
 * other services, two instances of a service — are {@link DistributedClusterIT}'s.
 */
@WithLocalStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryServiceStartsAloneIT {

    private static final Duration START = Duration.ofSeconds(150);
    private static final String OPERATOR = "ops@services.test";
    private static final String KEY_ID = "services-it-key";
    private static final String KEY_SECRET = "services-it-secret-" + UUID.randomUUID();
    private static final String GROUP = "services-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    private static final String ASSET = "#asset#" + GROUP + "#10.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What every container of the deployment gets: one signing secret (tokens of one service hold in every other). */
    private static final Map<String, String> DEPLOYMENT = Map.of(
            "CHARIOT_JWT_SECRET", Deployment.JWT_SECRET,
            "CHARIOT_BOOTSTRAP_TENANT", OPERATOR,
            "CHARIOT_BOOTSTRAP_API_KEY_ID", KEY_ID,
            "CHARIOT_BOOTSTRAP_API_KEY_SECRET", KEY_SECRET);

    private static StackEndpoints stack;
    private static String token;

    @BeforeAll
    static void stack(StackEndpoints endpoints) {
        stack = endpoints;
    }

    private static ServiceProcess start(String service) throws Exception {
        return start(service, Map.of());
    }

    private static ServiceProcess start(String service, Map<String, String> settings) throws Exception {
        var environment = new HashMap<>(DEPLOYMENT);
        environment.putAll(settings);
        var process = ServiceProcess.start(service, ServiceImages.jarOf(service), stack, environment);
        try {
            return process.awaitReady(START);
        } catch (RuntimeException | Error notReady) {
            process.close(); // a service that never got ready is not left running
            throw notReady;
        }
    }

    private static Map<String, String> bearer() {
        assertThat(token).as("a token from the account service").isNotBlank();
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> bearerAsync() {
        return Map.of("Authorization", "Bearer " + token, "Prefer", "respond-async");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void theAccountServiceIssuesATokenForTheBootstrapKey() throws Exception {
        try (var account = start("account")) {
            var answer = account.http().get("/token", Map.of("X-GUARD-API-KEY-ID", KEY_ID,
                    "X-GUARD-API-KEY-SECRET", KEY_SECRET));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            token = json(answer).path("token").asText();
            assertThat(token).isNotBlank();
        }
    }

    @Test
    @Order(2)
    void theAssetServiceStoresAnAssetWithATokenFromTheAccountServiceAndWaitsForReadModelsItDoesNotApply()
            throws Exception {
        try (var asset = start("asset", Map.of("CHARIOT_CONSISTENCY_VISIBILITY_TIMEOUT", "2s"))) {
            // The asset service knows the read models behind an asset but applies none, and the projections service
            // is not running: the write is stored, and says it is not visible yet rather than answer 200.
            var stored = asset.http().put("/asset", "{\"group\":\"" + GROUP + "\",\"identifier\":\"10.0.0.1\","
                    + "\"status\":\"A\",\"attackSurface\":[\"external\"],\"type\":\"asset\"}", bearer());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(503);
            assertThat(json(stored).path("type").asText()).isEqualTo("urn:chariot:problem:stored-not-yet-visible");
            assertThat(json(stored).path("stored").asBoolean()).isTrue();

            // any service checks keys against the account context's credentials: no service is needed for a token
            var ownToken = asset.http().get("/token", Map.of("X-GUARD-API-KEY-ID", KEY_ID, "X-GUARD-API-KEY-SECRET",
                    KEY_SECRET));
            assertThat(ownToken.statusCode()).as(ownToken.body()).isEqualTo(200);
            assertThat(asset.http().get("/token", Map.of("X-GUARD-API-KEY-ID", KEY_ID, "X-GUARD-API-KEY-SECRET", "wrong"))
                    .statusCode()).isEqualTo(401);
        }
    }

    @Test
    @Order(3)
    void theRiskServiceStoresARiskOnTheAsset() throws Exception {
        try (var risk = start("risk")) {
            var stored = risk.http().put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"weak-tls\",\"status\":\"TH\"}",
                    bearerAsync());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
            assertThat(stored.body()).contains("weak-tls");
        }
    }

    @Test
    @Order(4)
    void theJobServiceAnswersAClaimFromTheJobsReadModelWithoutTheQueryService() throws Exception {
        try (var job = start("job")) {
            // FindQueuedJobs is answered in this process from the jobs' read model (the query module's searcher):
            // nothing is queued for this tenant, so there is nothing to claim.
            var claim = job.http().post("/job/claim", "{\"worker\":\"services-it\"}", bearer());
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
            assertThat(job.http().get("/capabilities", bearer()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    @Order(5)
    void theFileServiceStoresAFileThroughItsOwnSignedUrl() throws Exception {
        try (var file = start("file")) {
            var signed = file.http().put("/file?name=services-it.txt", "", bearer());
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            String url = json(signed).path("url").asText();
            assertThat(url).startsWith(file.http().baseUrl());
            // stored once answered; nothing applies the files' read model while the projections service is away
            var uploaded = Http.putBytes(url, "stored by the file service alone".getBytes(),
                    Map.of("Prefer", "respond-async"));
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        }
    }

    @Test
    @Order(6)
    void theProjectionsServiceAppliesWhatTheOtherServicesStoredAndSettlesTheWritesOfAnother() throws Exception {
        try (var projections = start("projections")) {
            await("every read model caught up with Kafka").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                var list = projections.http().get("/admin/projections", bearer());
                assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
                assertThat(json(list).path("projections")).isNotEmpty();
                for (JsonNode model : json(list).path("projections")) {
                    assertThat(model.path("parked").asLong()).as(model.toString()).isZero();
                    assertThat(model.path("segments")).as(model.toString()).isNotEmpty()
                            .allSatisfy(segment -> assertThat(segment.path("caughtUp").asBoolean()).isTrue());
                }
            });

            try (var asset = start("asset")) {
                var written = asset.http().put("/asset", "{\"group\":\"" + GROUP + "\",\"identifier\":\"10.0.0.2\","
                        + "\"status\":\"A\",\"attackSurface\":[\"external\"],\"type\":\"asset\"}", bearer());
                // 200 where, alone, it answered 503: the reports of the read models the other process applied
                // reached the waiting write over Redis
                assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
                assertThat(written.body()).contains("#asset#" + GROUP + "#10.0.0.2");
            }
        }
    }

    @Test
    @Order(7)
    void theQueryServiceReadsWhatTheProjectionsServiceApplied() throws Exception {
        try (var query = start("query")) {
            var found = query.http().get("/my?key=" + URLEncoder.encode("#asset#" + GROUP, StandardCharsets.UTF_8),
                    bearer());
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(found.body()).contains(ASSET);
        }
    }

    @Test
    @Order(8)
    void theSagasServiceShowsItsWorkflows() throws Exception {
        try (var sagas = start("sagas")) {
            var list = sagas.http().get("/admin/sagas", bearer());
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(json(list).has("sagas")).isTrue();
        }
    }
}
