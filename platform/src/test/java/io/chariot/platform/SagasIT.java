package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.chariot.platform.RiskGraphIT.keyIs;
import static io.chariot.platform.RiskGraphIT.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sagas on the real servers: a job result a context rejects half-way is undone in every store and fails the job
 * with the reason; an event a saga cannot handle parks its instance (later events wait behind it, other instances
 * flow), shows in the operator's API, and a retry after the fix drains it in order; a discard is explicit.
 */
class SagasIT extends PlatformIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    /**
     * A setup write: stored is enough (sagas follow the event store, not the read models); a loaded machine may
     * answer 503 "stored, not yet visible" when a read model lags.
     */
    private static void stored(ChariotClient.Response r) {
        boolean storedNotVisible = r.status() == 503 && r.json().path("stored").asBoolean();
        assertThat(r.status() == 200 || storedNotVisible).as(r.body()).isTrue();
    }

    private static String probe(String name) {
        return "{\"group\":\"sagas.example\",\"identifier\":\"" + name + "\",\"status\":\"A\"}";
    }

    private static String key(String name) {
        return "#asset#sagas.example#" + name;
    }

    /** The operator's view of the instance about {@code subject} of the tenant (null until it shows). */
    private static JsonNode instance(ChariotClient ops, String tenant, String subject) {
        for (JsonNode saga : ok(ops.get("/admin/sagas?tenant=" + tenant)).json().path("sagas")) {
            if (saga.path("subject").asText().equals(subject)) {
                return saga;
            }
        }
        return null;
    }

    @Test
    void aResultItemAContextRejectsUndoesWhatTheResultCreatedInEveryStoreAndFailsTheJobWithTheReason() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String asset = "#asset#undo.example#10.0.0.9";
        String job = "#job#undo.example#10.0.0.9#portscan";
        String gone = "#asset#undo.example#gone.undo.example";
        stored(cli.put("/asset", "{\"group\":\"undo.example\",\"identifier\":\"10.0.0.9\",\"status\":\"A\"}"));
        stored(cli.put("/asset", "{\"group\":\"undo.example\",\"identifier\":\"gone.undo.example\",\"status\":\"A\"}"));
        stored(cli.delete("/asset", "{\"key\":\"" + gone + "\"}"));
        stored(cli.post("/job", "{\"key\":\"" + asset + "\",\"capabilities\":[\"portscan\"],\"config\":{\"retries\":1}}"));
        stored(cli.post("/job/claim", "{\"key\":\"" + job + "\",\"worker\":\"w-1\"}"));

        // a new asset and an attribute on it apply; then an attribute on the deleted asset is rejected
        String result = "{\"key\":\"" + job + "\",\"status\":\"JP\",\"items\":["
                + "{\"type\":\"asset\",\"model\":{\"dns\":\"undo.example\",\"name\":\"new.undo.example\"}},"
                + "{\"type\":\"attribute\",\"model\":{\"name\":\"http_title\",\"value\":\"Welcome\","
                + "\"source\":\"" + asset + "\"}},"
                + "{\"type\":\"attribute\",\"model\":{\"name\":\"http_title\",\"value\":\"Gone\","
                + "\"source\":\"" + gone + "\"}}]}";
        stored(cli.post("/job/result", result));

        String created = "#asset#undo.example#new.undo.example";
        String attribute = "#attribute#http_title#Welcome" + asset;
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode saga = instance(ops, cli.tenant, job);
            assertThat(saga.path("type").asText()).isEqualTo("job-result");
            assertThat(saga.path("state").asText()).isEqualTo("COMPENSATED");
            assertThat(saga.path("reason").asText()).startsWith("result not applied: attribute http_title on " + gone);
            assertThat(texts(saga.path("steps"))).containsExactly("asset " + created, "attribute " + attribute);
            assertThat(texts(saga.path("compensations"))).containsExactly("attribute " + attribute,
                    "asset " + created);
            assertThat(saga.path("associations").path("aggregate").asText()).isEqualTo(cli.tenant + job);

            // the run failed with the reason and, with a retry left, the job is queued again (DynamoDB)
            JsonNode jobItem = ok(cli.my(job)).json().get("jobs").get(0);
            assertThat(jobItem.get("status").asText()).startsWith("JQ#");
            // nothing the result created is left live: the attribute is gone (DynamoDB, Neo4j), the asset deleted
            assertThat(ok(cli.my("#attribute#http_title#Welcome")).json().path("attributes")).isEmpty();
            assertThat(ok(cli.my(created)).json().get("assets").get(0).get("status").asText()).isEqualTo("D");
            assertThat(keys(ok(cli.post("/my", "{\"node\":{\"labels\":[\"Attribute\"]," + keyIs(attribute) + "}}"))
                    .json())).isEmpty();
            assertThat(ok(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"]," + keyIs(created) + "}}")).json()
                    .path("assets").get(0).get("status").asText()).isEqualTo("D");
            // Redis counts the tenant's live assets: the two it put, not the undone one
            assertThat(ok(cli.get("/my/count?key=%23asset%23undo.example")).json().get("status").get("A").asLong())
                    .isEqualTo(1);
        });

        // the retry's run reports a result every context accepts: it applies, the same facts again
        stored(cli.post("/job/claim", "{\"key\":\"" + job + "\",\"worker\":\"w-1\"}"));
        stored(cli.post("/job/result", result.replace(",{\"type\":\"attribute\",\"model\":{\"name\":\"http_title\","
                + "\"value\":\"Gone\",\"source\":\"" + gone + "\"}}", "")));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(ok(cli.my(job)).json().get("jobs").get(0).get("status").asText()).startsWith("JP#");
            assertThat(ok(cli.my("#attribute#http_title#Welcome")).json().path("attributes")).hasSize(1);
            assertThat(keys(ok(cli.post("/my", "{\"node\":{\"labels\":[\"Attribute\"]," + keyIs(attribute) + "}}"))
                    .json())).containsExactly(attribute);
            // the asset the first result created stays deleted: a scanner's visit never revives a deleted asset
            // (a person, or a result item with a status, does)
            assertThat(ok(cli.my(created)).json().get("assets").get(0).get("status").asText()).isEqualTo("D");
            assertThat(cli.get("/admin/sagas?tenant=" + cli.tenant).status()).isEqualTo(403);
            List<String> states = new ArrayList<>();
            ok(ops.get("/admin/sagas?type=job-result&tenant=" + cli.tenant)).json().path("sagas")
                    .forEach(s -> states.add(s.path("state").asText()));
            assertThat(states).containsExactlyInAnyOrder("COMPLETED", "COMPENSATED");
        });
    }

    @Test
    void anEventASagaCannotHandleParksItsInstanceLaterEventsWaitBehindOthersFlowAndARetryAfterTheFixDrainsThem() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String poisoned = FaultySaga.PROBE + "-refused";
        String healthy = FaultySaga.PROBE + "-healthy";
        FaultySaga.FAILING.add(cli.tenant + key(poisoned));

        stored(cli.put("/asset", probe(poisoned)));
        stored(cli.put("/asset", probe(healthy)));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(FaultySaga.HANDLED.get(cli.tenant + key(healthy))).containsExactly("AssetDiscovered");
            JsonNode saga = instance(ops, cli.tenant, key(poisoned));
            assertThat(saga).isNotNull();
            assertThat(saga.path("parked").asLong()).isEqualTo(1);
        });
        String sagaId = instance(ops, cli.tenant, key(poisoned)).path("sagaId").asText();

        // the poisoned instance's next event waits behind the parked one; the healthy instance's flows
        stored(cli.put("/asset", "{\"key\":\"" + key(poisoned) + "\",\"status\":\"F\"}"));
        stored(cli.put("/asset", "{\"key\":\"" + key(healthy) + "\",\"status\":\"F\"}"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(FaultySaga.HANDLED.get(cli.tenant + key(healthy)))
                    .containsExactly("AssetDiscovered", "AssetStatusChanged F");
            assertThat(ok(ops.get("/admin/sagas/" + sagaId)).json().path("events")).hasSize(2);
        });
        JsonNode shown = ok(ops.get("/admin/sagas/" + sagaId)).json();
        assertThat(shown.path("saga").path("parked").asLong()).isEqualTo(2);
        JsonNode first = shown.path("events").get(0);
        assertThat(first.path("eventType").asText()).isEqualTo("AssetDiscovered");
        assertThat(first.path("causeType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(first.path("causeMessage").asText()).contains("this saga cannot take");
        assertThat(shown.path("events").get(1).path("eventType").asText()).isEqualTo("AssetStatusChanged");
        assertThat(FaultySaga.HANDLED.get(cli.tenant + key(poisoned))).isNull();
        assertThat(texts(ok(ops.get("/admin/sagas/parked?limit=10000")).json().path("events"), "sagaId"))
                .contains(sagaId).doesNotContain(instance(ops, cli.tenant, key(healthy)).path("sagaId").asText());

        // a retry before the fix keeps them parked, with the cause
        JsonNode failedAgain = ok(ops.post("/admin/sagas/" + sagaId + "/parked/retry", "")).json();
        assertThat(failedAgain.path("drained").asBoolean()).isFalse();
        assertThat(failedAgain.path("stillParked").asLong()).isEqualTo(2);

        // after the fix a retry applies both, in order, and drains them
        FaultySaga.FAILING.remove(cli.tenant + key(poisoned));
        JsonNode retried = ok(ops.post("/admin/sagas/" + sagaId + "/parked/retry", "")).json();
        assertThat(retried.path("drained").asBoolean()).isTrue();
        assertThat(retried.path("stillParked").asLong()).isZero();
        assertThat(FaultySaga.HANDLED.get(cli.tenant + key(poisoned)))
                .containsExactly("AssetDiscovered", "AssetStatusChanged F");
        JsonNode after = instance(ops, cli.tenant, key(poisoned));
        assertThat(after.path("parked").asLong()).isZero();
        assertThat(texts(after.path("steps"))).containsExactly("AssetDiscovered", "AssetStatusChanged F");

        // and the instance's later events flow again
        stored(cli.put("/asset", "{\"key\":\"" + key(poisoned) + "\",\"status\":\"A\"}"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(FaultySaga.HANDLED.get(cli.tenant + key(poisoned)))
                .containsExactly("AssetDiscovered", "AssetStatusChanged F", "AssetStatusChanged A"));
    }

    @Test
    void aSagasDeadlineIsListedWhilePendingAndFiresThroughTheDurableDeadlineManager() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String name = FaultySaga.PROBE + "-deadline";
        stored(cli.put("/asset", probe(name)));
        stored(cli.delete("/asset", "{\"key\":\"" + key(name) + "\"}"));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode saga = instance(ops, cli.tenant, key(name));
            assertThat(saga).isNotNull();
            assertThat(saga.path("deadlines").has(FaultySaga.DEADLINE)).isTrue();
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(FaultySaga.HANDLED.get(cli.tenant + key(name)))
                    .containsExactly("AssetDiscovered", "AssetStatusChanged D", "deadline fired");
            JsonNode saga = instance(ops, cli.tenant, key(name));
            assertThat(saga.path("deadlines").size()).isZero();
            assertThat(texts(saga.path("steps"))).endsWith("deadline fired");
        });
    }

    @Test
    void anOperatorDiscardsAnInstancesParkedEventsForGood() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String doomed = FaultySaga.PROBE + "-doomed";
        FaultySaga.FAILING.add(cli.tenant + key(doomed));
        stored(cli.put("/asset", probe(doomed)));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode saga = instance(ops, cli.tenant, key(doomed));
            assertThat(saga).isNotNull();
            assertThat(saga.path("parked").asLong()).isEqualTo(1);
        });
        String sagaId = instance(ops, cli.tenant, key(doomed)).path("sagaId").asText();

        JsonNode discarded = ok(ops.delete("/admin/sagas/" + sagaId + "/parked", "")).json();
        assertThat(discarded.path("discarded").asInt()).isEqualTo(1);
        assertThat(discarded.path("parked").asLong()).isZero();
        assertThat(ops.post("/admin/sagas/" + sagaId + "/parked/retry", "").status()).isEqualTo(404);
        FaultySaga.FAILING.remove(cli.tenant + key(doomed));
        assertThat(FaultySaga.HANDLED.get(cli.tenant + key(doomed))).isNull();
    }

    @Test
    void anOperatorCompensatesAParkedInstanceOnPurposeItEndsAndItsParkedEventsAreDiscarded() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String stuck = FaultySaga.PROBE + "-stuck";
        FaultySaga.FAILING.add(cli.tenant + key(stuck));
        stored(cli.put("/asset", probe(stuck)));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode saga = instance(ops, cli.tenant, key(stuck));
            assertThat(saga).isNotNull();
            assertThat(saga.path("parked").asLong()).isEqualTo(1);
        });
        String sagaId = instance(ops, cli.tenant, key(stuck)).path("sagaId").asText();

        assertThat(ops.post("/admin/sagas/" + sagaId + "/compensate", "").status()).isEqualTo(400);
        JsonNode compensated = ok(ops.post("/admin/sagas/" + sagaId + "/compensate?reason=cannot%20be%20fixed", ""))
                .json();
        assertThat(compensated.path("state").asText()).isEqualTo("COMPENSATED");
        assertThat(compensated.path("reason").asText()).isEqualTo("cannot be fixed");
        assertThat(compensated.path("parked").asLong()).isZero();
        assertThat(FaultySaga.HANDLED.get(sagaId)).containsExactly("compensated: cannot be fixed");
        assertThat(ops.get("/admin/sagas/" + sagaId).json().path("events")).isEmpty();
        // an ended instance cannot be steered again
        ChariotClient.Response again = ops.post("/admin/sagas/" + sagaId + "/compensate?reason=twice", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        FaultySaga.FAILING.remove(cli.tenant + key(stuck));
    }

    @Test
    void aRemediatedRiskIsRetestedFlaggedWhenNoRetestComesInTimeAndReopenedWithANoteWhenTheRetestStillFindsIt() {
        ChariotClient cli = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String asset = "#asset#remed.example#remed.example";
        String risk = "#risk#remed.example#directory-listing";
        String job = "#job#remed.example#remed.example#nuclei";
        stored(cli.put("/asset", "{\"group\":\"remed.example\",\"identifier\":\"remed.example\",\"status\":\"A\"}"));
        stored(cli.put("/risk", "{\"key\":\"" + asset + "\",\"name\":\"directory-listing\",\"status\":\"TH\"}"));
        stored(cli.put("/risk", "{\"key\":\"" + risk + "\",\"status\":\"RH\",\"comment\":\"fixed\"}"));

        // the re-test is queued; nothing finishes it within the (test) deadline of 3 s: flagged for an operator
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode saga = instance(ops, cli.tenant, risk);
            assertThat(saga.path("type").asText()).isEqualTo("remediation-check");
            assertThat(saga.path("state").asText()).isEqualTo("FLAGGED");
            assertThat(saga.path("reason").asText()).isEqualTo("no re-test finished within PT3S");
            assertThat(texts(saga.path("steps"))).containsExactly("re-test " + job + " queued");
            assertThat(saga.path("deadlines").size()).isZero();
            assertThat(ok(cli.my(job)).json().get("jobs").get(0).get("status").asText()).startsWith("JQ#");
        });
        assertThat(texts(ok(ops.get("/admin/sagas?state=FLAGGED&type=remediation-check&tenant=" + cli.tenant)).json()
                .path("sagas"), "subject")).containsExactly(risk);

        // a late re-test still finds it: reopened (by the re-detection) with the check's history note
        stored(cli.post("/job/claim", "{\"key\":\"" + job + "\",\"worker\":\"w-1\"}"));
        stored(cli.post("/job/result", "{\"key\":\"" + job + "\",\"status\":\"JP\",\"items\":["
                + "{\"type\":\"risk\",\"model\":{\"name\":\"directory-listing\",\"status\":\"TH\","
                + "\"target\":\"" + asset + "\"}}]}"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode saga = instance(ops, cli.tenant, risk);
            assertThat(saga.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(saga.path("reason").asText()).isEqualTo("still found by the re-test");
            JsonNode item = ok(cli.my(risk)).json().get("risks").get(0);
            assertThat(item.get("status").asText()).isEqualTo("OH");
            assertThat(texts(item.get("history"), "comment")).contains("re-test " + job + " still finds it: reopened");
        });
    }

    @Test
    void theSagaAdminApiIsForOperatorsAndRefusesBadInputWithProblemDetails() {
        ChariotClient tenant = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        assertThat(tenant.get("/admin/sagas").status()).isEqualTo(403);
        assertThat(tenant.post("/admin/sagas/x/parked/retry", "").status()).isEqualTo(403);

        ChariotClient.Response badState = ops.get("/admin/sagas?state=HALF_DONE");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.contentType()).startsWith("application/problem+json");
        assertThat(badState.json().path("detail").asText()).startsWith("state must be one of");
        assertThat(ops.get("/admin/sagas?limit=0").status()).isEqualTo(400);
        ChariotClient.Response unknown = ops.get("/admin/sagas/no-such-saga");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(ops.delete("/admin/sagas/no-such-saga/parked", "").status()).isEqualTo(404);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
