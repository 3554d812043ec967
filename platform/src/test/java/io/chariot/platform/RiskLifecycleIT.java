package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The risk commands exactly as praetorian-cli sends them (chariot-api.md §3.5, tier 2), against the real stack:
 * response shapes, the three read models, counts, bad input, tickets and tenant isolation.
 */
class RiskLifecycleIT extends PlatformIntegrationTest {

    private static final String ASSET = "#asset#example.com#1.2.3.4";
    private static final String RISK = "#risk#example.com#CVE-2024-23049";

    private ChariotClient tenantWithAsset() {
        ChariotClient cli = newTenant();
        var r = cli.put("/asset", "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\","
                + "\"attackSurface\":[\"\"],\"type\":\"asset\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return cli;
    }

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static JsonNode onlyRisk(ChariotClient.Response r) {
        JsonNode risks = ok(r).json().get("risks");
        assertThat(risks).as(r.body()).isNotNull();
        assertThat(risks.size()).isEqualTo(1);
        return risks.get(0);
    }

    private static List<String> keys(JsonNode envelope) {
        List<String> keys = new ArrayList<>();
        envelope.fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) {
                e.getValue().forEach(n -> keys.add(n.get("key").asText()));
            }
        });
        return keys;
    }

    private static JsonNode graphRisk(ChariotClient cli) {
        var r = ok(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                + "\"value\":\"" + RISK + "\",\"not\":false}]},\"limit\":4096,\"page\":0}"));
        JsonNode risks = r.json().get("risks");
        return risks == null || risks.isEmpty() ? null : risks.get(0);
    }

    @Test
    void theCliAddsUpdatesListsSearchesAndDeletesARisk() {
        ChariotClient cli = tenantWithAsset();

        // chariot add risk CVE-2024-23049 --asset '#asset#example.com#1.2.3.4' --status TH --comment hello
        JsonNode added = onlyRisk(cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\","
                + "\"status\":\"TH\",\"comment\":\"hello\",\"source\":\"\"}"));
        assertThat(added.get("username").asText()).isEqualTo(cli.tenant);
        assertThat(added.get("key").asText()).isEqualTo(RISK);
        assertThat(added.get("dns").asText()).isEqualTo("example.com");
        assertThat(added.get("name").asText()).isEqualTo("CVE-2024-23049");
        assertThat(added.get("title").asText()).isEqualTo("CVE-2024-23049");
        assertThat(added.get("status").asText()).isEqualTo("TH");
        assertThat(added.get("priority").asInt()).isEqualTo(10);
        assertThat(added.get("comment").asText()).isEqualTo("hello");
        assertThat(added.get("ttl").asLong()).isPositive();
        for (String field : List.of("source", "created", "updated", "visited", "history", "tags")) {
            assertThat(added.has(field)).as(field).isTrue();
        }

        // chariot update risk '#risk#example.com#CVE-2024-23049' --status OH --comment confirmed
        JsonNode updated = onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"OH\","
                + "\"comment\":\"confirmed\"}"));
        assertThat(updated.get("status").asText()).isEqualTo("OH");
        assertThat(updated.get("ttl").asLong()).isZero();
        assertThat(updated.get("history").get(0).get("from").asText()).isEqualTo("TH");
        assertThat(updated.get("history").get(0).get("to").asText()).isEqualTo("OH");
        assertThat(updated.get("history").get(0).get("comment").asText()).isEqualTo("confirmed");
        assertThat(updated.get("history").get(0).get("by").asText()).isEqualTo(cli.tenant);

        // a note, title and tags, then `-r -1` drops the note again
        onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"comment\":\"a note\",\"title\":\"RCE\","
                + "\"tags\":[\"web\",\"prod\"]}"));
        JsonNode removed = onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"remove\":-1}"));
        assertThat(removed.get("history")).hasSize(1);
        assertThat(removed.get("title").asText()).isEqualTo("RCE");
        assertThat(removed.get("tags").toString()).isEqualTo("[\"web\",\"prod\"]");

        // chariot list risks -d
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var list = ok(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"]},\"limit\":4096,\"page\":0}")).json();
            assertThat(keys(list)).containsExactly(RISK);
            JsonNode risk = list.get("risks").get(0);
            assertThat(risk.get("status").asText()).isEqualTo("OH");
            assertThat(risk.get("title").asText()).isEqualTo("RCE");
            assertThat(risk.get("history")).hasSize(1);
            assertThat(risk.has("_seq")).isFalse();
            assertThat(risk.has("uid")).isFalse();
        });
        // chariot search --term status:OH --kind risk
        var search = ok(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"],\"filters\":[{\"field\":\"status\","
                + "\"operator\":\"STARTS WITH\",\"value\":\"OH\",\"not\":false}]},\"limit\":4096,\"page\":0}")).json();
        assertThat(keys(search)).containsExactly(RISK);
        // the table read model: GET /my by key prefix and by status
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode table = ok(cli.my("#risk#example.com")).json().get("risks");
            assertThat(table).hasSize(1);
            assertThat(table.get(0).get("status").asText()).isEqualTo("OH");
            assertThat(table.get(0).get("history")).hasSize(1);
            assertThat(table.get(0).get("tags")).hasSize(2);
            assertThat(table.get(0).get("title").asText()).isEqualTo("RCE");
            assertThat(table.get(0).get("priority").asInt()).isEqualTo(10);
            assertThat(table.get(0).has("_seq")).isFalse();
            assertThat(keys(ok(cli.my("status:OH")).json())).containsExactly(RISK);
        });

        // praetorian-cli's own test_risk_cli: update risk -s OL, then delete risk (no status) gives DLO with history.
        // "DOL" (chariot-api.md §3.6) is not in the status grammar nor in the CLI's Risk enum (DELETED_OTHER_LOW is
        // DLO), so it is refused like any unknown status.
        onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"OL\"}"));
        var bad = cli.delete("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"DOL\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown risk status 'DOL'");
        JsonNode deleted = onlyRisk(cli.delete("/risk", "{\"key\":\"" + RISK + "\"}"));
        assertThat(deleted.get("status").asText()).isEqualTo("DLO");
        JsonNode last = deleted.get("history").get(deleted.get("history").size() - 1);
        assertThat(last.get("to").asText()).isEqualTo("DLO");
        assertThat(last.get("from").asText()).isEqualTo("OL");
        JsonNode explicit = onlyRisk(cli.delete("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"DLF\","
                + "\"comment\":\"false positive\"}"));
        assertThat(explicit.get("status").asText()).isEqualTo("DLF");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode risk = graphRisk(cli);
            assertThat(risk.get("status").asText()).isEqualTo("DLF");
            JsonNode h = risk.get("history");
            assertThat(h.get(h.size() - 2).get("to").asText()).isEqualTo("DLO");
            assertThat(h.get(h.size() - 1).get("comment").asText()).isEqualTo("false positive");
        });
    }

    @Test
    void reDetectionReopensARemediatedRisk() {
        ChariotClient cli = tenantWithAsset();
        String add = "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\",\"comment\":\"\","
                + "\"source\":\"nuclei\"}";
        onlyRisk(cli.put("/risk", add));
        onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"RH\"}"));
        JsonNode reopened = onlyRisk(cli.post("/risk", add));
        assertThat(reopened.get("status").asText()).isEqualTo("OH");
        assertThat(reopened.get("source").asText()).isEqualTo("nuclei");
        assertThat(reopened.get("history")).hasSize(2);
        assertThat(reopened.get("history").get(1).get("to").asText()).isEqualTo("OH");
    }

    @Test
    void countsGroupRisksByStatusAndSeverityAndKeepTheAssetShape() {
        ChariotClient cli = tenantWithAsset();
        onlyRisk(cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\"}"));
        onlyRisk(cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"weak tls\",\"status\":\"TL\"}"));
        onlyRisk(cli.put("/risk", "{\"key\":\"#risk#example.com#weak-tls\",\"status\":\"OL\"}"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode counts = ok(cli.get("/my/count?key=%23risk")).json();
            assertThat(counts.get("status").toString()).isEqualTo("{\"OL\":1,\"TH\":1}");
            assertThat(counts.get("severity").toString()).isEqualTo("{\"H\":1,\"L\":1}");
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode assets = ok(cli.get("/my/count?key=%23asset")).json();
            assertThat(assets.get("status").toString()).isEqualTo("{\"A\":1}");
            assertThat(assets.has("class")).isTrue();
            assertThat(assets.has("severity")).isFalse();
        });
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        ChariotClient cli = tenantWithAsset();
        List<String> bodies = List.of(
                "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"TX\"}",
                "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"OH\"}",
                "{\"key\":\"" + ASSET + "\",\"status\":\"TH\"}",
                "{\"key\":\"#asset#nope\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\"}",
                "{\"key\":\"#job#example.com#x\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\"}",
                "{\"key\":\"" + ASSET + "\",\"name\":\"a#b\",\"status\":\"TH\"}",
                "{\"name\":\"CVE-2024-23049\",\"status\":\"TH\"}");
        for (String body : bodies) {
            var r = cli.put("/risk", body);
            assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).as(body).startsWith("application/problem+json");
        }
        assertThat(cli.put("/risk", bodies.get(0)).body()).contains("unknown risk status 'TX'");
        // an update with a bad status, or of a malformed risk key, is 400 too
        onlyRisk(cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\"}"));
        assertThat(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"XX\"}").status()).isEqualTo(400);
        assertThat(cli.put("/risk", "{\"key\":\"#risk#only\",\"status\":\"OH\"}").status()).isEqualTo(400);
        assertThat(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"remove\":5}").status()).isEqualTo(400);
        assertThat(cli.delete("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"OH\"}").status()).isEqualTo(400);
        // an unknown risk is 404
        assertThat(cli.put("/risk", "{\"key\":\"#risk#example.com#nothing\",\"status\":\"OH\"}").status())
                .isEqualTo(404);
        // only the one valid risk exists, untouched
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode risk = graphRisk(cli);
            assertThat(risk.get("status").asText()).isEqualTo("TH");
            assertThat(risk.get("history")).isEmpty();
            assertThat(ok(cli.my("#risk#")).json().get("risks")).hasSize(1);
        });
    }

    @Test
    void ticketsAreSetOnAddAndUpdateReadFromBothReadModelsAndClearedByAnEmptyList() throws Exception {
        ChariotClient cli = tenantWithAsset();
        ObjectMapper mapper = new ObjectMapper();
        String jira = "{\"provider\":\"jira\",\"id\":\"PROJ-1\",\"link\":\"https://jira.example.com/browse/PROJ-1\","
                + "\"status\":\"In Progress\",\"assignee\":\"Jane Doe\",\"account\":\"#account#" + cli.tenant
                + "#jira#https://jira.example.com\",\"labels\":[\"security\",\"p1\"]}";
        String ado = "{\"provider\":\"azuredevops\",\"id\":\"42\"}";

        JsonNode added = onlyRisk(cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\","
                + "\"status\":\"TH\",\"tickets\":[" + ado + "]}"));
        assertThat(added.get("tickets")).isEqualTo(mapper.readTree("[" + ado + "]"));

        // a resolution set, blank members dropped, the rest kept
        JsonNode updated = onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"tickets\":[" + jira + ","
                + "{\"provider\":\"azuredevops\",\"id\":\"42\",\"status\":\"Done\",\"resolution\":\"Fixed\","
                + "\"link\":\" \"}]}"));
        JsonNode expected = mapper.readTree("[" + jira + ",{\"provider\":\"azuredevops\",\"id\":\"42\","
                + "\"status\":\"Done\",\"resolution\":\"Fixed\"}]");
        assertThat(updated.get("tickets")).isEqualTo(expected);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(ok(cli.my(RISK)).json().get("risks").get(0).get("tickets")).isEqualTo(expected);
            assertThat(graphRisk(cli).get("tickets")).isEqualTo(expected);
        });

        // a ticket without a provider or an id is refused, and nothing of the request is applied
        List<String> bad = List.of(
                "{\"key\":\"" + RISK + "\",\"title\":\"changed\",\"tickets\":[" + ado + ",{\"id\":\"PROJ-2\"}]}",
                "{\"key\":\"" + RISK + "\",\"status\":\"OH\",\"tickets\":[{\"provider\":\"jira\",\"id\":\" \"}]}",
                "{\"key\":\"" + RISK + "\",\"tickets\":[null]}",
                "{\"key\":\"" + ASSET + "\",\"name\":\"weak tls\",\"status\":\"TL\",\"tickets\":[{\"provider\":\"jira\"}]}");
        for (String body : bad) {
            var r = cli.put("/risk", body);
            assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).as(body).startsWith("application/problem+json");
            assertThat(r.body()).contains("provider and an id");
        }
        JsonNode unchanged = onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\"}"));
        assertThat(unchanged.get("title").asText()).isEqualTo("CVE-2024-23049");
        assertThat(unchanged.get("status").asText()).isEqualTo("TH");
        assertThat(unchanged.get("history")).isEmpty();
        assertThat(unchanged.get("tickets")).isEqualTo(expected);
        assertThat(cli.put("/risk", "{\"key\":\"#risk#example.com#weak-tls\",\"status\":\"TL\"}").status())
                .isEqualTo(404);

        // the same tickets again are no change: `updated` stays
        JsonNode same = onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"tickets\":" + expected + "}"));
        assertThat(same.get("updated")).isEqualTo(updated.get("updated"));

        JsonNode cleared = onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"tickets\":[]}"));
        assertThat(cleared.get("tickets")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode table = ok(cli.my(RISK)).json().get("risks").get(0);
            assertThat(table.get("tickets").isArray()).isTrue();
            assertThat(table.get("tickets")).isEmpty();
            JsonNode graph = graphRisk(cli);
            assertThat(graph.get("tickets").isArray()).isTrue();
            assertThat(graph.get("tickets")).isEmpty();
            assertThat(graph.get("history").isArray()).isTrue();
        });
        assertThat(ok(cli.my("#risk#")).json().get("risks")).hasSize(1);
    }

    /** praetorian-cli counts a history record as a note when it has a {@code comment} member at all. */
    private static long notes(JsonNode history) {
        long n = 0;
        for (JsonNode record : history) {
            n += record.has("comment") ? 1 : 0;
        }
        return n;
    }

    @Test
    void onlyNotesCarryACommentSoTheClientCountsAndRemovesThemRightOnEveryReadPath() {
        // the flow of the client's test_remove_comment: add with a comment, a status change, three notes, removals
        ChariotClient cli = tenantWithAsset();
        onlyRisk(cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\","
                + "\"comment\":\"found\",\"source\":\"\"}"));
        JsonNode changed = onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"OC\"}"));
        assertThat(changed.get("history").get(0).has("comment")).isFalse();
        for (String note : List.of("first", "second", "third")) {
            onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"comment\":\"" + note + "\"}"));
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(notes(graphRisk(cli).get("history"))).isEqualTo(3);
            assertThat(notes(ok(cli.my("#risk#example.com")).json().get("risks").get(0).get("history"))).isEqualTo(3);
        });
        // sdk.risks.update(key, remove_comment=-2): the second note is history record 2
        JsonNode removed = onlyRisk(cli.put("/risk", "{\"key\":\"" + RISK + "\",\"remove\":2}"));
        assertThat(notes(removed.get("history"))).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(notes(graphRisk(cli).get("history"))).isEqualTo(2);
            assertThat(notes(ok(cli.my("#risk#example.com")).json().get("risks").get(0).get("history"))).isEqualTo(2);
        });
    }

    @Test
    void addingAKnownRiskAgainWithATitleAndTagsSetsThem() {
        ChariotClient cli = tenantWithAsset();
        onlyRisk(cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\"}"));
        // sdk.risks.add(asset, name, 'TH', title=…, tags=(…)) on a risk that exists already
        JsonNode again = onlyRisk(cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\","
                + "\"status\":\"TH\",\"title\":\"Shown title\",\"tags\":[\"critical\",\"needs-review\"]}"));
        assertThat(again.get("title").asText()).isEqualTo("Shown title");
        assertThat(again.get("tags").toString()).isEqualTo("[\"critical\",\"needs-review\"]");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode risk = graphRisk(cli);
            assertThat(risk.get("title").asText()).isEqualTo("Shown title");
            assertThat(risk.get("tags").toString()).isEqualTo("[\"critical\",\"needs-review\"]");
        });
    }

    @Test
    void anotherTenantCannotSeeOrChangeARisk() {
        ChariotClient alice = tenantWithAsset();
        onlyRisk(alice.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\"}"));
        ChariotClient bob = newTenant();
        assertThat(bob.put("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"OH\"}").status()).isEqualTo(404);
        // bob has no such risk: deleting it is done already, and alice's stays as it is (checked below)
        var deleted = bob.delete("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"DHO\"}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("risks")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
               .untilAsserted(() -> assertThat(graphRisk(alice)).isNotNull());
        assertThat(graphRisk(bob)).isNull();
        assertThat(ok(bob.my("#risk#")).json().has("risks")).isFalse();
        assertThat(ok(bob.get("/my/count?key=%23risk")).json().get("status").size()).isZero();
        assertThat(graphRisk(alice).get("status").asText()).isEqualTo("TH");
    }
}
