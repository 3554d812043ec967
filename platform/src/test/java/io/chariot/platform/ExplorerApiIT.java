package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.account.SecretHash;
import io.chariot.api.personal.PersonalData;
import io.chariot.api.personal.TenantDataKeys;
import io.chariot.api.risk.RiskEvents.RiskCommentAdded;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event explorer's API ({@code /events}): every filter selects exactly its events, tenants see only their own
 * and operators everyone's, secrets never show, each event names the request that caused it, the causation chain
 * runs from the request through a saga to what the saga caused, time travel replays an aggregate to any version,
 * and exports stream the filter. The event store is written before a write answers, so nothing here waits for read
 * models — except for what a saga does afterwards.
 */
class ExplorerApiIT extends PlatformIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TenantDataKeys tenantDataKeys;

    @Autowired
    EventStore eventStore;

    // --- filters ------------------------------------------------------------------------------------------------

    @Test
    void everyFilterSelectsExactlyTheEventsItDescribes() {
        ChariotClient alice = newTenant();
        String asset = "#asset#filters.example#10.1.1.1";
        ok(alice.put("/asset", "{\"group\":\"filters.example\",\"identifier\":\"10.1.1.1\",\"status\":\"A\"}"));
        var added = ok(alice.put("/risk", "{\"key\":\"" + asset + "\",\"name\":\"CVE-2024-1111\",\"status\":\"TH\","
                + "\"source\":\"\"}"));
        String risk = added.json().get("risks").get(0).get("key").asText();
        Instant between = Instant.now();
        var updated = ok(alice.put("/risk", "{\"key\":\"" + risk + "\",\"status\":\"OH\",\"comment\":\"confirmed\"}"));
        // a collaborator of alice's tenant writes too: another "by"
        String bob = "bob-" + alice.tenant;
        ok(alice.post("/account/" + bob, "{\"config\":{},\"value\":\"\",\"role\":\"admin\"}"));
        ok(clientFor(bob).as(alice.tenant).put("/risk", "{\"key\":\"" + risk + "\",\"comment\":\"seen\"}"));

        List<JsonNode> all = all(alice, "");
        assertThat(all).allSatisfy(e -> assertThat(e.get("tenant").asText()).isEqualTo(alice.tenant));
        assertThat(types(all)).contains("AssetDiscovered", "RiskOpened", "RiskStatusChanged", "RiskCommentAdded",
                "AccountLinked");

        selects(alice, "aggregateType=Risk", all, e -> e.get("aggregateType").asText().equals("Risk"));
        selects(alice, "key=" + enc(risk), all, e -> e.get("key").asText().equals(risk));
        selects(alice, "aggregateId=" + enc(alice.tenant + risk), all, e -> e.get("key").asText().equals(risk));
        selects(alice, "type=RiskStatusChanged", all, e -> e.get("type").asText().equals("RiskStatusChanged"));
        selects(alice, "since=" + enc(between.toString()), all,
                e -> !Instant.parse(e.get("time").asText()).isBefore(between));
        selects(alice, "until=" + enc(between.toString()), all,
                e -> Instant.parse(e.get("time").asText()).isBefore(between));
        selects(alice, "by=" + enc(bob), all, e -> e.get("by").asText().equals(bob));
        selects(alice, "correlationId=" + updated.requestId(), all,
                e -> updated.requestId().equals(e.get("correlationId").asText()));
        String command = all.stream().filter(e -> e.get("type").asText().equals("RiskOpened")).findFirst()
                .orElseThrow().get("causationId").asText();
        selects(alice, "causationId=" + command, all, e -> command.equals(e.get("causationId").asText()));
        // filters combine
        selects(alice, "aggregateType=Risk&by=" + enc(bob), all, e -> e.get("by").asText().equals(bob)
                && e.get("aggregateType").asText().equals("Risk"));
        assertThat(all(alice, "type=NoSuchEvent")).isEmpty();
    }

    @Test
    void everyEventNamesTheRequestAndTheCommandThatCausedIt() {
        ChariotClient alice = newTenant();
        String asset = "#asset#origin.example#10.2.2.2";
        var put = ok(alice.put("/asset", "{\"group\":\"origin.example\",\"identifier\":\"10.2.2.2\",\"status\":\"A\"}"));
        assertThat(put.requestId()).isNotBlank();

        List<JsonNode> caused = all(alice, "correlationId=" + put.requestId());
        assertThat(caused).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("request").asText()).isEqualTo("PUT /asset");
            assertThat(e.get("command").asText()).isEqualTo("UpsertAsset");
            assertThat(e.get("key").asText()).isEqualTo(asset);
            assertThat(e.get("traceId").asText()).matches("[0-9a-f]{32}");
            assertThat(e.get("commandCause").isNull()).isTrue();
        });
        // one command applied them all: one causation id, which is not the request's id
        assertThat(caused.stream().map(e -> e.get("causationId").asText()).distinct()).hasSize(1)
                .doesNotContain(put.requestId());
        // and another request is another correlation
        var again = ok(alice.put("/asset", "{\"key\":\"" + asset + "\",\"status\":\"F\"}"));
        assertThat(again.requestId()).isNotEqualTo(put.requestId());
        assertThat(all(alice, "correlationId=" + again.requestId())).extracting(e -> e.get("type").asText())
                .containsExactly("AssetStatusChanged");
    }

    // --- tenants ------------------------------------------------------------------------------------------------

    @Test
    void aTenantSeesOnlyItsOwnEventsAndAnOperatorSeesEveryTenants() {
        ChariotClient alice = newTenant();
        ChariotClient mallory = newTenant();
        ChariotClient operator = clientFor(OPERATOR);
        String marker = "m" + Long.toHexString(System.nanoTime());
        String asset = "#asset#private.example#10.3.3.3";
        ok(alice.put("/asset", "{\"group\":\"private.example\",\"identifier\":\"10.3.3.3\",\"status\":\"A\"}"));
        String risk = ok(alice.put("/risk", "{\"key\":\"" + asset + "\",\"name\":\"CVE-2024-3333\",\"status\":\"TH\","
                + "\"comment\":\"" + marker + "\",\"source\":\"\"}")).json().get("risks").get(0).get("key").asText();
        JsonNode opened = all(alice, "type=RiskOpened").get(0);
        String id = opened.get("id").asText();

        // mallory: nothing of alice's, however asked
        assertThat(ok(mallory.get("/events?limit=500")).body()).doesNotContain(marker).doesNotContain(alice.tenant);
        assertThat(mallory.get("/events?tenant=" + enc(alice.tenant)).status()).isEqualTo(403);
        assertThat(mallory.get("/events/" + id).status()).isEqualTo(404);
        assertThat(mallory.get("/events/" + id + "/chain").status()).isEqualTo(404);
        assertThat(mallory.get("/events/history?key=" + enc(risk)).status()).isEqualTo(404);
        assertThat(mallory.get("/events/history?aggregateId=" + enc(alice.tenant + risk)).status()).isEqualTo(404);
        assertThat(mallory.get("/events/state?aggregateId=" + enc(alice.tenant + risk)).status()).isEqualTo(404);
        assertThat(mallory.get("/events?correlationId=" + opened.get("correlationId").asText()).json()
                .get("events")).isEmpty();
        assertThat(ok(mallory.get("/events/export")).body()).doesNotContain(marker);
        assertThat(mallory.as(alice.tenant).get("/events").status()).isEqualTo(403);
        // alice herself, and an operator, for alice's tenant or across all
        assertThat(ok(alice.get("/events/" + id)).json().get("payload").get("comment").asText()).isEqualTo(marker);
        assertThat(ok(operator.get("/events/" + id)).json().get("tenant").asText()).isEqualTo(alice.tenant);
        assertThat(all(operator, "tenant=" + enc(alice.tenant))).extracting(e -> e.get("id").asText()).contains(id);
        assertThat(ok(operator.get("/events/history?tenant=" + enc(alice.tenant) + "&key=" + enc(risk))).json()
                .get("events")).hasSize(all(alice, "key=" + enc(risk)).size());
        assertThat(ok(operator.get("/events?correlationId=" + opened.get("correlationId").asText())).json()
                .get("events")).isNotEmpty();
        // an operator naming a key must say whose
        assertThat(operator.get("/events/history?key=" + enc(risk)).status()).isEqualTo(400);
    }

    // --- secrets ------------------------------------------------------------------------------------------------

    @Test
    void noSecretEverShowsThroughAnyPartOfTheApi() {
        ChariotClient alice = newTenant();
        JsonNode key = ok(alice.post("/key", "{\"name\":\"ci\"}")).json();
        String keySecret = key.get("secret").asText();
        String hook = "pin-" + SecretHash.newSecret().substring(0, 24);
        ok(alice.post("/account/hook", "{\"value\":\"" + hook + "\"}"));
        String token = "ghp_" + SecretHash.newSecret().substring(0, 30);
        ok(alice.post("/account/github", "{\"value\":\"acme\",\"config\":{\"org\":\"acme\",\"token\":\"" + token
                + "\",\"nested\":{\"client_secret\":\"" + token + "-2\"}}}"));
        ok(alice.put("/configuration", "{\"name\":\"scanner\",\"value\":{\"apiKey\":\"" + token + "-3\","
                + "\"region\":\"eu\"}}"));
        ok(alice.put("/asset", "{\"group\":\"secret.example\",\"identifier\":\"10.4.4.4\",\"status\":\"A\"}"));
        ok(alice.post("/job", "{\"key\":\"#asset#secret.example#10.4.4.4\",\"capabilities\":[\"portscan\"],"
                + "\"config\":{\"password\":\"" + token + "-4\",\"port\":\"22\"}}"));

        List<String> secrets = new ArrayList<>(List.of(keySecret, SecretHash.of(keySecret), hook,
                SecretHash.of(hook), token, token + "-2", token + "-3", token + "-4"));
        secrets.addAll(jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'sealed' FROM "
                + "domainEventEntry WHERE convert_from(payload, 'UTF8')::jsonb ->> 'tenant' = ? AND "
                + "payloadType LIKE '%IntegrationLinked'", String.class, alice.tenant));
        secrets.addAll(jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'secretHash' FROM "
                + "domainEventEntry WHERE payloadType LIKE '%ApiKeyIssued' AND convert_from(payload, 'UTF8')::jsonb "
                + "->> 'tenant' = ?", String.class, alice.tenant));
        assertThat(secrets).doesNotContainNull().hasSizeGreaterThanOrEqualTo(10);

        List<String> answers = new ArrayList<>();
        answers.add(ok(alice.get("/events?limit=500")).body());
        answers.add(ok(alice.get("/events/export")).body());
        answers.add(ok(alice.get("/events/export?format=csv")).body());
        for (JsonNode e : all(alice, "")) {
            answers.add(ok(alice.get("/events/" + e.get("id").asText())).body());
            answers.add(ok(alice.get("/events/history?aggregateId=" + enc(e.get("aggregateId").asText()))).body());
            answers.add(ok(alice.get("/events/state?aggregateId=" + enc(e.get("aggregateId").asText()))).body());
        }
        for (String answer : answers) {
            for (String secret : secrets) {
                assertThat(answer).as("an answer shows a secret").doesNotContain(secret);
            }
        }
        String everything = String.join("\n", answers);
        // the secrets were there, and show as redacted in their place
        assertThat(everything).contains("\"secretHash\":\"********\"", "\"sealed\":\"********\"",
                "\"pinHash\":\"********\"", "\\\"token\\\":\\\"********\\\"", "\\\"apiKey\\\":\\\"********\\\"",
                "\"password\":\"********\"").contains("acme", "\\\"region\\\":\\\"eu\\\"");
    }

    // --- causation chain ----------------------------------------------------------------------------------------

    @Test
    void theChainOfAJobResultRunsFromTheRequestThroughTheSagaToWhatItCaused() {
        ChariotClient alice = newTenant();
        String asset = "#asset#chain.example#10.5.5.5";
        String job = "#job#chain.example#10.5.5.5#portscan";
        ok(alice.put("/asset", "{\"group\":\"chain.example\",\"identifier\":\"10.5.5.5\",\"type\":\"asset\"}"));
        ok(alice.post("/job", "{\"key\":\"" + asset + "\",\"capabilities\":[\"portscan\"]}"));
        ok(alice.post("/job/claim", "{\"key\":\"" + job + "\",\"worker\":\"w-1\"}"));
        var result = ok(alice.post("/job/result", "{\"key\":\"" + job + "\",\"status\":\"JP\",\"items\":["
                + "{\"type\":\"asset\",\"model\":{\"dns\":\"chain.example\",\"name\":\"www.chain.example\"}},"
                + "{\"type\":\"risk\",\"model\":{\"name\":\"Open Port\",\"status\":\"TM\",\"target\":\"" + asset
                + "\"}}]}"));

        // the saga reacts through Kafka: wait until what it caused is stored under the same correlation
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(types(all(alice, "correlationId="
                + result.requestId()))).contains("JobFinished", "AssetDiscovered", "RiskOpened"));
        JsonNode finished = all(alice, "correlationId=" + result.requestId() + "&type=JobFinished").get(0);
        JsonNode chain = ok(alice.get("/events/" + finished.get("id").asText() + "/chain")).json();

        JsonNode root = chain.get("root");
        assertThat(root.get("kind").asText()).isEqualTo("REQUEST");
        assertThat(root.get("label").asText()).isEqualTo("POST /job/result");
        assertThat(root.get("id").asText()).isEqualTo(result.requestId());
        JsonNode command = only(root.get("children"));
        assertThat(command.get("kind").asText()).isEqualTo("COMMAND");
        assertThat(command.get("label").asText()).isEqualTo("FinishJob");
        JsonNode finishedNode = only(command.get("children"));
        assertThat(finishedNode.get("label").asText()).isEqualTo("JobFinished");
        assertThat(finishedNode.get("focus").asBoolean()).isTrue();
        JsonNode saga = only(finishedNode.get("children"));
        assertThat(saga.get("kind").asText()).isEqualTo("SAGA");
        assertThat(saga.get("label").asText()).isEqualTo("saga job-results");
        List<String> sagaEvents = new ArrayList<>();
        for (JsonNode sent : saga.get("children")) {
            assertThat(sent.get("kind").asText()).isEqualTo("COMMAND");
            sent.get("children").forEach(e -> {
                sagaEvents.add(e.get("label").asText());
                assertThat(e.get("event").get("commandCause").asText()).isEqualTo(finished.get("id").asText());
                assertThat(e.get("event").get("request").asText()).isEqualTo("POST /job/result");
            });
        }
        assertThat(sagaEvents).contains("AssetDiscovered", "RiskOpened");
    }

    // --- time travel --------------------------------------------------------------------------------------------

    @Test
    void timeTravelShowsAnAggregateAsItWasAndWhatEachVersionChanged() {
        ChariotClient alice = newTenant();
        String asset = "#asset#travel.example#10.6.6.6";
        ok(alice.put("/asset", "{\"group\":\"travel.example\",\"identifier\":\"10.6.6.6\",\"status\":\"A\"}"));
        String risk = ok(alice.put("/risk", "{\"key\":\"" + asset + "\",\"name\":\"CVE-2024-6666\",\"status\":\"TH\","
                + "\"source\":\"\"}")).json().get("risks").get(0).get("key").asText();
        Instant whileTriage = Instant.now();
        ok(alice.put("/risk", "{\"key\":\"" + risk + "\",\"status\":\"OH\",\"comment\":\"confirmed\"}"));
        ok(alice.delete("/risk", "{\"key\":\"" + risk + "\",\"status\":\"DHF\",\"comment\":\"false positive\"}"));

        JsonNode history = ok(alice.get("/events/history?key=" + enc(risk))).json();
        assertThat(history.get("aggregateType").asText()).isEqualTo("Risk");
        assertThat(history.get("replayable").asBoolean()).isTrue();
        long latest = history.get("latest").asLong();
        assertThat(history.get("events")).hasSize((int) latest + 1);

        JsonNode first = ok(alice.get("/events/state?key=" + enc(risk) + "&sequence=0")).json();
        assertThat(first.get("state").get("sequence").asLong()).isZero();
        assertThat(first.get("state").get("fields").get("status").asText()).isEqualTo("TH");
        JsonNode then = ok(alice.get("/events/state?key=" + enc(risk) + "&at=" + enc(whileTriage.toString()))).json();
        assertThat(then.get("state").get("fields").get("status").asText()).isEqualTo("TH");
        JsonNode now = ok(alice.get("/events/state?key=" + enc(risk))).json();
        assertThat(now.get("state").get("sequence").asLong()).isEqualTo(latest);
        assertThat(now.get("state").get("fields").get("status").asText()).isEqualTo("DHF");

        JsonNode diff = ok(alice.get("/events/diff?key=" + enc(risk) + "&from=0&to=" + latest)).json();
        JsonNode status = change(diff, "/status");
        assertThat(status.get("before").asText()).isEqualTo("TH");
        assertThat(status.get("after").asText()).isEqualTo("DHF");
        assertThat(change(diff, "/history/0/to").get("after").asText()).isEqualTo("OH");
        assertThat(change(diff, "/history/0/to").get("before").isNull()).isTrue();

        assertThat(alice.get("/events/state?key=" + enc(risk) + "&sequence=" + (latest + 1)).status()).isEqualTo(404);
        assertThat(alice.get("/events/state?key=" + enc(risk) + "&at=2000-01-01").status()).isEqualTo(404);
        assertThat(alice.get("/events/diff?key=" + enc(risk) + "&from=0").status()).isEqualTo(400);
    }

    // --- exports ------------------------------------------------------------------------------------------------

    @Test
    void exportsStreamTheFilterAsJsonLinesAndAsCsv() throws IOException {
        ChariotClient alice = newTenant();
        for (int i = 0; i < 3; i++) {
            ok(alice.put("/asset", "{\"group\":\"export.example\",\"identifier\":\"10.7.7." + i + "\",\"status\":\"A\"}"));
        }
        List<JsonNode> assets = all(alice, "aggregateType=Asset");
        var jsonl = ok(alice.get("/events/export?format=jsonl&aggregateType=Asset"));
        assertThat(jsonl.contentType()).startsWith("application/x-ndjson");
        assertThat(jsonl.headers().firstValue("Content-Disposition").orElse("")).contains("attachment")
                .contains(".jsonl");
        List<String> lines = jsonl.body().lines().toList();
        assertThat(lines).hasSize(assets.size());
        List<Long> positions = new ArrayList<>();
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            assertThat(e.get("aggregateType").asText()).isEqualTo("Asset");
            assertThat(e.get("payload").get("tenant").asText()).isEqualTo(alice.tenant);
            positions.add(e.get("position").asLong());
        }
        assertThat(positions).isSorted();

        var csv = ok(alice.get("/events/export?format=csv&aggregateType=Asset"));
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> csvLines = csv.body().lines().toList();
        assertThat(csvLines.get(0)).startsWith("position,id,time,tenant,aggregateType");
        assertThat(csvLines).hasSize(assets.size() + 1);
        assertThat(csvLines.subList(1, csvLines.size())).allSatisfy(row ->
                assertThat(row).contains(alice.tenant).contains(",Asset,"));

        var bad = alice.get("/events/export?format=xml");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    // --- personal data (crypto-shredding, ADR 0019) -------------------------------------------------------------

    @Test
    void personalDataIsStoredEncryptedAndAPurgedTenantsShowsAsErasedWhileAnotherTenantsReadsNormally() {
        String note = "note-" + Long.toHexString(System.nanoTime());
        ChariotClient acme = newTenant();
        ChariotClient globex = newTenant();
        String acmeRisk = riskCommentedByACollaborator(acme, note);
        String globexRisk = riskCommentedByACollaborator(globex, note);
        String bob = "bob-" + acme.tenant;

        // at rest: neither the comment nor who wrote it, in any of acme's risk events
        List<String> stored = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainEventEntry "
                + "WHERE aggregateIdentifier = ?", String.class, acme.tenant + acmeRisk);
        assertThat(stored).hasSizeGreaterThanOrEqualTo(3).allSatisfy(payload -> assertThat(payload)
                .doesNotContain(note).doesNotContain(bob).contains("\"by\":\"pd1:"));
        // yet read in clear, and found by who wrote them (the filter matches the stored ciphertext)
        List<JsonNode> byBob = all(acme, "by=" + enc(bob));
        assertThat(byBob).isNotEmpty().allSatisfy(e -> assertThat(e.get("by").asText()).isEqualTo(bob));
        JsonNode comment = only(ok(acme.get("/events?type=RiskCommentAdded")).json().get("events"));
        assertThat(ok(acme.get("/events/" + comment.get("id").asText())).json().get("payload").get("comment")
                .asText()).isEqualTo(note);

        tenantDataKeys.destroy(acme.tenant);

        assertThat(tenantDataKeys.destroyed(acme.tenant)).isTrue();
        assertThat(tenantDataKeys.destroyed(globex.tenant)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tenant_data_key WHERE tenant = ? AND wrapped_key IS NULL "
                + "AND destroyed_at IS NOT NULL", Integer.class, acme.tenant)).isEqualTo(1);
        JsonNode erased = ok(acme.get("/events/" + comment.get("id").asText())).json();
        assertThat(erased.get("erased").asBoolean()).isTrue();
        assertThat(erased.get("payload").get("comment").get("$erased").asText()).isEqualTo("tenant purged");
        assertThat(erased.get("payload").get("by").get("$erased").asText()).isEqualTo("tenant purged");
        assertThat(erased.get("by").asText()).isEqualTo("(erased)");
        assertThat(erased.get("payload").get("key").asText()).isEqualTo(acmeRisk);
        assertThat(all(acme, "aggregateType=Risk")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("by").asText()).isEqualTo("(erased)"));
        assertThat(ok(acme.get("/events/export?aggregateType=Risk")).body()).doesNotContain(note).doesNotContain(bob);
        // the other tenant is untouched
        JsonNode globexComment = only(ok(globex.get("/events?type=RiskCommentAdded")).json().get("events"));
        JsonNode clear = ok(globex.get("/events/" + globexComment.get("id").asText())).json();
        assertThat(clear.get("erased").asBoolean()).isFalse();
        assertThat(clear.get("payload").get("comment").asText()).isEqualTo(note);
        assertThat(clear.get("by").asText()).isEqualTo("bob-" + globex.tenant);

        // a replay reads the purged tenant's events through Axon without failing: personal fields erased, the rest kept
        List<Object> replayed = eventStore.readEvents(acme.tenant + acmeRisk).asStream()
                .map(m -> (Object) m.getPayload()).toList();
        assertThat(replayed).hasSizeGreaterThanOrEqualTo(3);
        RiskCommentAdded commented = replayed.stream().filter(RiskCommentAdded.class::isInstance)
                .map(RiskCommentAdded.class::cast).findFirst().orElseThrow();
        assertThat(commented.comment()).isEqualTo(PersonalData.ERASED);
        assertThat(commented.by()).isEqualTo(PersonalData.ERASED);
        assertThat(commented.key()).isEqualTo(acmeRisk);
        assertThat(ok(acme.get("/events/state?key=" + enc(acmeRisk))).json().get("state").get("fields")
                .get("status").asText()).isEqualTo("OH");
        assertThat(eventStore.readEvents(globex.tenant + globexRisk).asStream().map(m -> m.getPayload())
                .filter(RiskCommentAdded.class::isInstance).map(RiskCommentAdded.class::cast).findFirst()
                .orElseThrow().comment()).isEqualTo(note);
    }

    /** A risk whose status a collaborator changes and comments on: events whose {@code by} is not the tenant. */
    private String riskCommentedByACollaborator(ChariotClient tenant, String note) {
        String asset = "#asset#personal.example#10.8.8.8";
        ok(tenant.put("/asset", "{\"group\":\"personal.example\",\"identifier\":\"10.8.8.8\",\"status\":\"A\"}"));
        String bob = "bob-" + tenant.tenant;
        ok(tenant.post("/account/" + bob, "{\"config\":{},\"value\":\"\",\"role\":\"admin\"}"));
        ChariotClient asBob = clientFor(bob).as(tenant.tenant);
        String risk = ok(asBob.put("/risk", "{\"key\":\"" + asset + "\",\"name\":\"CVE-2024-8888\","
                + "\"status\":\"TH\",\"source\":\"\",\"comment\":\"" + note + "\"}")).json().get("risks").get(0)
                .get("key").asText();
        ok(asBob.put("/risk", "{\"key\":\"" + risk + "\",\"status\":\"OH\",\"comment\":\"" + note + "\"}"));
        ok(asBob.put("/risk", "{\"key\":\"" + risk + "\",\"comment\":\"" + note + "\"}"));
        return risk;
    }

    // --- bad input ----------------------------------------------------------------------------------------------

    @Test
    void badFiltersAreA400ProblemSayingWhatIsWrong() {
        ChariotClient alice = newTenant();
        for (String query : List.of("since=yesterday", "until=2026-13-40", "limit=0", "limit=100000", "before=-1",
                "before=1&after=2", "since=2026-02-01&until=2026-01-01", "key=%23asset%23x&aggregateId=x")) {
            var r = alice.get("/events?" + query);
            assertThat(r.status()).as(query + " → " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).isNotBlank();
        }
        assertThat(alice.get("/events/state?key=%23risk%23x&sequence=x").status()).isEqualTo(400);
        assertThat(alice.get("/events/state?key=%23risk%23x&sequence=1&at=2026-01-01").status()).isEqualTo(400);
        assertThat(alice.get("/events/history").status()).isEqualTo(400);
        assertThat(alice.get("/events/no-such-event").status()).isEqualTo(404);
        assertThat(alice.unauthenticated("GET", "/events", null).status()).isEqualTo(401);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** The filter selects exactly those of {@code all} that match, and nothing of anyone else. */
    private void selects(ChariotClient client, String query, List<JsonNode> all, Predicate<JsonNode> matches) {
        List<String> expected = all.stream().filter(matches).map(e -> e.get("id").asText()).toList();
        List<JsonNode> got = all(client, query);
        assertThat(expected).as("the fixture has events for " + query).isNotEmpty();
        assertThat(got).as(query).extracting(e -> e.get("id").asText()).containsExactlyElementsOf(expected);
    }

    /** Every event of a filter, newest first, following the pages. */
    static List<JsonNode> all(ChariotClient client, String query) {
        List<JsonNode> events = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        String path = "/events?limit=7" + (query.isEmpty() ? "" : "&" + query);
        JsonNode page = ok(client.get(path)).json();
        while (true) {
            for (JsonNode e : page.get("events")) {
                assertThat(seen.add(e.get("position").asLong())).isTrue();
                events.add(e);
            }
            if (page.get("nextBefore").isNull()) {
                return events;
            }
            page = ok(client.get(path + "&before=" + page.get("nextBefore").asLong())).json();
        }
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    private static JsonNode change(JsonNode diff, String path) {
        for (JsonNode c : diff.get("changes")) {
            if (c.get("path").asText().equals(path)) {
                return c;
            }
        }
        throw new AssertionError("no change at " + path + " in " + diff.get("changes"));
    }

    private static JsonNode only(JsonNode list) {
        assertThat(list).as(list.toString()).hasSize(1);
        return list.get(0);
    }

    static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
