package io.chariot.platform;

import io.chariot.websupport.tenancy.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant never sees or changes another tenant's data, and the account header without a link gets nowhere.
 * <p>
 * The sweep takes every endpoint from Spring's {@link RequestMappingHandlerMapping}, so a new endpoint without an
 * attack below fails the test instead of being forgotten. Only health (not an MVC mapping), {@code /token}, the
 * webhook ingest and the signed file URLs are exempt: their credential is not a bearer token (they have tests of
 * their own). "Nothing of A changed" is checked where the truth is — A's events in the event store, A's file bytes
 * and A's account links — so it needs no waiting on read models; "nothing of A read" by a secret marker that only A's
 * data holds, and by A's tenant name, in every response.
 */
class TenantIsolationIT extends PlatformIntegrationTest {

    /**
     * Endpoints whose credential is not a bearer token; each has its own tests (IntegrationsIT, FilesIT; the
     * explorer's pages take a session cookie: ExplorerWebIT and ExplorerBrowserIT show another tenant's events are
     * not there, through the same service as {@code /events}, which is swept here).
     */
    static final Set<String> EXEMPT = Set.of("GET /token", "POST /hook/{user}/{pin}", "PUT /hook/{user}/{pin}",
            "PUT /signed/file",
            "GET /signed/file",
            "GET /explorer", "GET /explorer/aggregate", "GET /explorer/aggregate/diff", "GET /explorer/aggregate/state",
            "GET /explorer/events/{id}", "GET /explorer/events/{id}/chain", "GET /explorer/export",
            "GET /explorer/login", "GET /explorer/operations", "POST /explorer/login", "POST /explorer/logout",
            "GET /explorer/operations/{name}/parked", "POST /explorer/operations/{name}/parked/retry",
            "POST /explorer/operations/{name}/parked/discard",
            // the saga pages are for operators only: ExplorerWebIT refuses a tenant's admin on each of them
            "GET /explorer/operations/sagas", "GET /explorer/operations/sagas/parked",
            "GET /explorer/operations/sagas/{id}", "POST /explorer/operations/sagas/{id}/retry",
            "POST /explorer/operations/sagas/{id}/discard", "POST /explorer/operations/sagas/{id}/compensate");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anotherTenantsAssetsAreInvisibleAndUnchangeable() {
        ChariotClient alice = newTenant();
        ChariotClient mallory = newTenant();
        String key = "#asset#secret.example#10.0.0.1";
        alice.put("/asset", "{\"group\":\"secret.example\",\"identifier\":\"10.0.0.1\",\"status\":\"A\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(alice.my(key).json().get("assets")).hasSize(1));

        assertThat(mallory.my(key).json().has("assets")).isFalse();
        assertThat(mallory.my("#asset").json().has("assets")).isFalse();
        assertThat(mallory.post("/my", "{\"node\":{\"labels\":[\"Asset\"]}}").json().has("assets")).isFalse();
        assertThat(mallory.get("/my/count?key=%23asset").json().get("status").size()).isZero();
        // Updating it from the other tenant finds nothing: 404, never its contents.
        var update = mallory.put("/asset", "{\"key\":\"" + key + "\",\"status\":\"F\"}");
        assertThat(update.status()).isEqualTo(404);
        assertThat(update.body()).doesNotContain("10.0.0.1\",\"status");
        // mallory has no such asset: deleting it is done already, in mallory's own tenant; alice's stays (below)
        var deleted = mallory.delete("/asset", "{\"key\":\"" + key + "\"}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).isEmpty();

        var viaHeader = mallory.as(alice.tenant);
        assertThat(viaHeader.my(key).status()).isEqualTo(403);
        assertThat(viaHeader.put("/asset", "{\"key\":\"" + key + "\",\"status\":\"F\"}").status()).isEqualTo(403);

        assertThat(alice.my(key).json().get("assets").get(0).get("status").asText()).isEqualTo("A");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Every endpoint, against another tenant's data

    static final String ASSET = "#asset#victim.example#10.6.6.6";
    static final String ATTRIBUTE = "#attribute#https#443" + ASSET;
    static final String RISK = "#risk#victim.example#CVE-2024-6666";
    static final String JOB = "#job#victim.example#10.6.6.6#portscan";
    static final String PRESEED_FIELDS = "\"type\":\"whois+company\",\"title\":\"Victim Co\",\"value\":\"victim co\"";
    static final String PRESEED = "#preseed#whois+company#Victim Co#victim co";
    static final String FILE = "private/report.txt";
    static final String ENCRYPTED_FILE = "_encrypted/report.txt";
    static final String WEBAPP = "#webapplication#https://victim.example/";
    static final String PAGE = "#webpage#https://victim.example/login";

    /** One attack: a request against A's data, made with B's token (and then again with an account header). */
    record Attack(String method, String path, String body, boolean targetsAsData) {
    }

    /**
     * What B tries on each endpoint. {@code targetsAsData}: the request names one of A's records (its key, name or
     * file), so it must fail (not 2xx) — a request that only writes into B's own tenant may succeed.
     */
    static Map<String, List<Attack>> attacks(Fixture a) {
        Map<String, List<Attack>> m = new LinkedHashMap<>();
        String f = enc(FILE);
        m.put("GET /my", List.of(get("/my?key=" + enc("#")), get("/my?key=" + enc(ASSET) + "&exact=true"),
                get("/my?key=status:A"), get("/my?key=" + enc("#seed#")), get("/my?key=" + enc("#file#")),
                get("/my?key=" + enc("#key#")), get("/my?key=" + enc("#account#"))));
        m.put("POST /my", List.of(new Attack("POST", "/my", "{\"node\":{\"labels\":[\"Asset\",\"Attribute\",\"Port\","
                + "\"Risk\",\"Preseed\",\"Seed\"]},\"limit\":4096,\"page\":0}", false),
                new Attack("POST", "/my", "{\"node\":{\"labels\":[\"Risk\"],\"search\":\"" + a.marker + "\"}}", false)));
        m.put("GET /my/count", List.of(get("/my/count?key=" + enc("#asset")), get("/my/count?key=" + enc("#risk"))));
        m.put("PUT /asset", List.of(write("PUT", "/asset", "{\"key\":\"" + ASSET + "\",\"status\":\"F\"}")));
        m.put("POST /asset", List.of(write("POST", "/asset", "{\"key\":\"" + ASSET + "\",\"status\":\"F\"}")));
        m.put("DELETE /asset", List.of(new Attack("DELETE", "/asset", "{\"key\":\"" + ASSET + "\"}", false),
                write("DELETE", "/asset", "{\"key\":\"#asset#victim.example\"}"),
                write("DELETE", "/asset", "{\"key\":\"#asset#victim.example\",\"prefix\":true}")));
        m.put("PUT /attribute", List.of(write("PUT", "/attribute",
                "{\"key\":\"" + ASSET + "\",\"name\":\"x\",\"value\":\"1\"}")));
        m.put("POST /attribute", List.of(write("POST", "/attribute",
                "{\"key\":\"" + ASSET + "\",\"name\":\"x\",\"value\":\"1\"}")));
        m.put("DELETE /attribute", List.of(write("DELETE", "/attribute", "{\"key\":\"" + ATTRIBUTE + "\"}")));
        m.put("PUT /risk", List.of(write("PUT", "/risk", "{\"key\":\"" + RISK + "\",\"status\":\"OH\"}"),
                // a risk on a target of the same key is B's own risk, on B's (missing) asset
                new Attack("PUT", "/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-6666\",\"status\":\"TH\"}",
                        false)));
        m.put("POST /risk", List.of(write("POST", "/risk", "{\"key\":\"" + RISK + "\",\"status\":\"OH\"}")));
        // Deleting what the tenant does not have answers 200 and writes nothing (the client's clean-up relies on it):
        // B's deletes of A's keys and names act on B's own, empty tenant; A's state is checked afterwards.
        m.put("DELETE /risk", List.of(new Attack("DELETE", "/risk", "{\"key\":\"" + RISK + "\"}", false)));
        m.put("PUT /seed", List.of(write("PUT", "/seed", "{\"key\":\"" + ASSET + "\",\"status\":\"D\"}")));
        m.put("POST /preseed", List.of(new Attack("POST", "/preseed", "{" + PRESEED_FIELDS + ",\"status\":\"F\"}",
                false)));
        m.put("PUT /preseed", List.of(write("PUT", "/preseed", "{\"key\":\"" + PRESEED + "\",\"status\":\"F\"}")));
        m.put("DELETE /preseed", List.of(write("DELETE", "/preseed", "{\"key\":\"" + PRESEED + "\"}")));
        m.put("POST /webpage", List.of(new Attack("POST", "/webpage", "{\"webpage\":{\"url\":\""
                + PAGE.substring("#webpage#".length()) + "\"},\"parent_key\":\"" + WEBAPP + "\"}", false)));
        m.put("DELETE /webpage", List.of(write("DELETE", "/webpage", "{\"webpage\":{\"key\":\"" + PAGE + "\"}}")));
        m.put("PUT /webpage/link", List.of(write("PUT", "/webpage/link",
                "{\"webpageKey\":\"" + PAGE + "\",\"entityKey\":\"#file#" + FILE + "\"}")));
        m.put("DELETE /webpage/link", List.of(write("DELETE", "/webpage/link",
                "{\"webpageKey\":\"" + PAGE + "\",\"entityKey\":\"#file#" + FILE + "\"}")));
        m.put("GET /file", List.of(write("GET", "/file?name=" + f, null)));
        m.put("DELETE /file", List.of(write("DELETE", "/file?name=" + f, "{}")));
        // B may get an upload URL for the same name — in B's own tenant; A's bytes are checked afterwards.
        m.put("PUT /file", List.of(new Attack("PUT", "/file?name=" + f, "", false)));
        String e = enc(ENCRYPTED_FILE);
        m.put("GET /encrypted-file", List.of(write("GET", "/encrypted-file?name=" + e, null)));
        // B may store a file of the same name — in B's own tenant; A's sealed bytes are checked afterwards.
        m.put("PUT /encrypted-file", List.of(new Attack("PUT", "/encrypted-file?name=" + e, "overwritten", false)));
        m.put("POST /job", List.of(new Attack("POST", "/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}",
                false)));
        m.put("POST /job/", List.of(new Attack("POST", "/job/", "{\"key\":\"" + ASSET + "\",\"name\":\"portscan\"}",
                false)));
        m.put("POST /job/claim", List.of(write("POST", "/job/claim", "{\"key\":\"" + JOB + "\"}")));
        m.put("POST /job/result", List.of(write("POST", "/job/result", "{\"key\":\"" + JOB + "\",\"status\":\"JP\","
                + "\"items\":[]}")));
        m.put("GET /capabilities", List.of(get("/capabilities")));
        m.put("POST /account/{member}", List.of(new Attack("POST", "/account/" + a.collaborator,
                "{\"config\":{},\"value\":\"\",\"role\":\"admin\"}", false)));
        m.put("DELETE /account/{member}", List.of(write("DELETE", "/account/" + a.reader,
                "{\"value\":\"\",\"config\":{}}")));
        m.put("POST /key", List.of(new Attack("POST", "/key", "{\"name\":\"mine\"}", false)));
        m.put("DELETE /key", List.of(write("DELETE", "/key", "{\"key\":\"#key#" + a.keyId + "\"}")));
        m.put("PUT /setting", List.of(new Attack("PUT", "/setting", "{\"name\":\"victim\",\"value\":\"overwritten\"}",
                false)));
        m.put("DELETE /setting", List.of(new Attack("DELETE", "/setting", "{\"name\":\"victim\"}", false)));
        m.put("PUT /configuration", List.of(new Attack("PUT", "/configuration",
                "{\"name\":\"victim\",\"value\":\"overwritten\"}", false)));
        m.put("DELETE /configuration", List.of(new Attack("DELETE", "/configuration", "{\"name\":\"victim\"}",
                false)));
        m.put("GET /admin/projections", List.of(write("GET", "/admin/projections", null)));
        m.put("GET /admin/projections/{name}", List.of(write("GET", "/admin/projections/assets-dynamodb", null)));
        m.put("POST /admin/projections/{name}/rebuild", List.of(write("POST",
                "/admin/projections/assets-dynamodb/rebuild?dryRun=true", "")));
        m.put("POST /admin/projections/{name}/rebuild/abort", List.of(write("POST",
                "/admin/projections/assets-dynamodb/rebuild/abort", "")));
        m.put("POST /admin/projections/{name}/verify", List.of(write("POST",
                "/admin/projections/assets-dynamodb/verify", "")));
        m.put("GET /admin/projections/{name}/parked", List.of(write("GET",
                "/admin/projections/assets-dynamodb/parked", null)));
        m.put("POST /admin/projections/{name}/parked/retry", List.of(write("POST",
                "/admin/projections/assets-dynamodb/parked/retry", "")));
        m.put("DELETE /admin/projections/{name}/parked", List.of(write("DELETE",
                "/admin/projections/assets-dynamodb/parked?sequence=" + enc(a.tenant + "#asset#victim.example#10.6.6.6"),
                null)));
        // The operator's view of sagas: every instance of every tenant, operators only.
        m.put("GET /admin/sagas", List.of(write("GET", "/admin/sagas?tenant=" + enc(a.tenant), null)));
        m.put("GET /admin/sagas/parked", List.of(write("GET", "/admin/sagas/parked", null)));
        m.put("GET /admin/sagas/{id}", List.of(write("GET", "/admin/sagas/any-saga", null)));
        m.put("POST /admin/sagas/{id}/parked/retry", List.of(write("POST", "/admin/sagas/any-saga/parked/retry", "")));
        m.put("DELETE /admin/sagas/{id}/parked", List.of(write("DELETE", "/admin/sagas/any-saga/parked", "")));
        m.put("POST /admin/sagas/{id}/compensate", List.of(write("POST",
                "/admin/sagas/any-saga/compensate?reason=isolation", "")));
        // The event explorer: B's own events only; A's events, aggregates and tenant are not there
        String aggregate = enc(a.tenant + RISK);
        m.put("GET /events", List.of(get("/events?limit=500"), get("/events?correlationId=" + a.event),
                write("GET", "/events?tenant=" + enc(a.tenant), null)));
        m.put("GET /events/{id}", List.of(write("GET", "/events/" + a.event, null)));
        m.put("GET /events/{id}/chain", List.of(write("GET", "/events/" + a.event + "/chain", null)));
        m.put("GET /events/history", List.of(write("GET", "/events/history?aggregateId=" + aggregate, null),
                write("GET", "/events/history?key=" + enc(RISK), null)));
        m.put("GET /events/state", List.of(write("GET", "/events/state?aggregateId=" + aggregate, null)));
        m.put("GET /events/diff", List.of(write("GET", "/events/diff?aggregateId=" + aggregate + "&from=0&to=0",
                null)));
        m.put("GET /events/export", List.of(get("/events/export"), get("/events/export?format=csv")));
        // B purging B's own tenant (202) touches nothing of A's; with A in the account header it is refused (403).
        m.put("DELETE /account/purge", List.of(new Attack("DELETE", "/account/purge", "", false)));
        // Framework endpoints hold no tenant data; they are swept all the same.
        m.put("* /error", List.of(get("/error")));
        m.put("GET /v3/api-docs", List.of(get("/v3/api-docs")));
        m.put("GET /v3/api-docs.yaml", List.of(get("/v3/api-docs.yaml")));
        m.put("GET /v3/api-docs/swagger-config", List.of(get("/v3/api-docs/swagger-config")));
        m.put("GET /swagger-ui.html", List.of(get("/swagger-ui.html")));
        return m;
    }

    @Test
    void everyEndpointIsCoveredByTheIsolationSweep() {
        Set<String> served = servedEndpoints().keySet();
        Set<String> attacked = attacks(Fixture.placeholder()).keySet();
        Set<String> forgotten = new TreeSet<>(served);
        forgotten.removeAll(attacked);
        forgotten.removeAll(EXEMPT);
        assertThat(forgotten).as("endpoints without a tenant-isolation attack in TenantIsolationIT").isEmpty();
        Set<String> stale = new TreeSet<>(attacked);
        stale.removeAll(served);
        assertThat(stale).as("attacks on endpoints the platform no longer serves").isEmpty();
    }

    @Test
    void noEndpointReadsOrChangesAnotherTenantsDataWithOrWithoutAnUnlinkedAccountHeader() {
        ChariotClient alice = newTenant();
        ChariotClient mallory = newTenant();
        Fixture a = Fixture.create(this, alice);
        State before = state(a);
        Map<String, Boolean> tenantScoped = servedEndpoints();

        List<String> failures = new ArrayList<>();
        // Requests naming A's records go first: B's other requests may create records of the same keys in B's own
        // tenant, which B may then change — that is B's data, not A's.
        for (boolean targeted : new boolean[]{true, false}) attacks(a).forEach((endpoint, list) -> {
            for (Attack attack : list) {
                if (attack.targetsAsData() != targeted) {
                    continue;
                }
                // 1. B's own token: B's tenant only. Requests naming A's records fail; nothing of A comes back.
                var r = send(mallory, attack);
                if (r.status() >= 500) {
                    failures.add(endpoint + " " + attack.path() + " → " + r.status() + " " + r.body());
                }
                if (attack.targetsAsData() && r.status() < 300) {
                    failures.add(endpoint + " " + attack.path() + " reached A's record: " + r.status() + " " + r.body());
                }
                leaks(endpoint, attack, r.body(), a, true, failures);
                // 2. B's token with an account header naming A, which no link grants: 403 wherever a tenant is used.
                var h = send(mallory.as(alice.tenant), attack);
                if (tenantScoped.getOrDefault(endpoint, false) && h.status() != 403) {
                    failures.add(endpoint + " " + attack.path() + " with account header → " + h.status() + " "
                            + h.body());
                }
                leaks(endpoint, attack, h.body(), a, false, failures);
            }
        });
        assertThat(failures).isEmpty();
        assertThat(state(a)).isEqualTo(before);
    }

    @Test
    void aReadonlyLinkCanReadButNotWriteThroughAnyEndpoint() {
        ChariotClient alice = newTenant();
        Fixture a = Fixture.create(this, alice);
        ChariotClient reader = clientFor(a.reader).as(alice.tenant);
        State before = state(a);
        Map<String, Boolean> tenantScoped = servedEndpoints();

        List<String> failures = new ArrayList<>();
        attacks(a).forEach((endpoint, list) -> {
            if (!tenantScoped.getOrDefault(endpoint, false)) {
                return;
            }
            boolean read = endpoint.startsWith("GET ") || endpoint.equals("POST /my");
            for (Attack attack : list) {
                var r = send(reader, attack);
                if (read && endpoint.startsWith("GET /admin")) {
                    continue; // operators only: 403 for everyone else, readonly or not
                }
                if (!read && r.status() != 403) {
                    failures.add(endpoint + " " + attack.path() + " as readonly → " + r.status() + " " + r.body());
                }
                if (read && r.status() >= 400 && r.status() != 404) {
                    failures.add(endpoint + " " + attack.path() + " read as readonly → " + r.status() + " " + r.body());
                }
            }
        });
        // …and the link really reads A's data
        assertThat(reader.get("/my?key=" + enc(ASSET) + "&exact=true").json().get("assets")).hasSize(1);
        assertThat(failures).isEmpty();
        assertThat(state(a)).isEqualTo(before);
    }

    // --- A's data, and what "unchanged" means -----------------------------------------------------------------

    /** A's records of every kind; the marker is in free text only A's data holds (never in B's requests). */
    record Fixture(String tenant, String marker, String collaborator, String reader, String keyId, String event) {

        static Fixture placeholder() {
            return new Fixture("a@example.com", "m", "c@example.com", "r@example.com", "k", "e");
        }

        static Fixture create(TenantIsolationIT it, ChariotClient a) {
            String marker = "m" + UUID.randomUUID().toString().replace("-", "");
            String collaborator = "c-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String reader = "r-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            ok(a.put("/asset", "{\"group\":\"victim.example\",\"identifier\":\"10.6.6.6\",\"status\":\"A\"}"));
            ok(a.put("/attribute", "{\"key\":\"" + ASSET + "\",\"name\":\"https\",\"value\":\"443\"}"));
            ok(a.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-6666\",\"status\":\"TH\","
                    + "\"comment\":\"" + marker + "\",\"source\":\"\"}"));
            ok(a.put("/seed", "{\"key\":\"" + ASSET + "\",\"status\":\"A\"}"));
            ok(a.post("/preseed", "{" + PRESEED_FIELDS + ",\"status\":\"A\"}"));
            ok(a.put("/preseed", "{\"key\":\"" + PRESEED + "\",\"status\":\"F\",\"comment\":\"" + marker + "\"}"));
            ok(a.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}"));
            ok(a.put("/setting", "{\"name\":\"victim\",\"value\":\"" + marker + "\"}"));
            ok(a.put("/configuration", "{\"name\":\"victim\",\"value\":\"" + marker + "\"}"));
            ok(a.post("/account/" + collaborator, "{\"config\":{},\"value\":\"\",\"role\":\"admin\"}"));
            ok(a.post("/account/" + reader, "{\"config\":{},\"value\":\"\",\"role\":\"readonly\"}"));
            String keyId = ok(a.post("/key", "{\"name\":\"" + marker + "\"}")).json().get("id").asText();
            String url = ok(a.put("/file?name=" + enc(FILE), "")).json().get("url").asText();
            assertThat(ChariotClient.follow("PUT", url, marker.getBytes(StandardCharsets.UTF_8)).status())
                    .isEqualTo(200);
            ok(a.put("/encrypted-file?name=" + enc(ENCRYPTED_FILE), marker));
            ok(a.put("/asset", "{\"group\":\"Victim\",\"identifier\":\"https://victim.example\","
                    + "\"type\":\"webapplication\"}"));
            ok(a.post("/webpage", "{\"webpage\":{\"url\":\"" + PAGE.substring("#webpage#".length()) + "\"},"
                    + "\"parent_key\":\"" + WEBAPP + "\"}"));
            ok(a.put("/webpage/link", "{\"webpageKey\":\"" + PAGE + "\",\"entityKey\":\"#file#" + FILE + "\"}"));
            // Wait until A's reads show A's data, so an empty answer to B below means isolation, not lag.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                assertThat(a.my("#risk#").body()).contains(marker);
                assertThat(a.post("/my", "{\"node\":{\"labels\":[\"Risk\"]}}").body()).contains(marker);
                assertThat(a.my("#setting#").body()).contains(marker);
                assertThat(a.my("#file#").json().get("files")).hasSize(2);
                assertThat(a.post("/my", "{\"node\":{\"labels\":[\"Preseed\"]}}").body()).contains(marker);
            });
            String event = it.jdbc.queryForObject("SELECT eventIdentifier FROM domainEventEntry WHERE "
                    + "aggregateIdentifier = ? AND sequenceNumber = 0", String.class, a.tenant + RISK);
            return new Fixture(a.tenant, marker, collaborator, reader, keyId, event);
        }
    }

    /** Where A's data lives in truth: its events (per aggregate), its file bytes and its account links. */
    record State(Map<String, Long> eventsPerAggregate, List<String> files, List<String> links) {
    }

    private State state(Fixture a) {
        Map<String, Long> events = new TreeMap<>();
        // A's jobs are left out: a worker of A's may advance them at any time; B's job attacks must fail instead.
        jdbc.query("SELECT aggregateIdentifier, count(*) FROM domainEventEntry WHERE (left(aggregateIdentifier, ?) = ? "
                        + "AND aggregateIdentifier NOT LIKE '%#job#%') OR aggregateIdentifier = ? "
                        + "GROUP BY aggregateIdentifier",
                rs -> {
                    events.put(rs.getString(1), rs.getLong(2));
                }, a.tenant.length() + 1, a.tenant + "#", a.keyId);
        List<String> files = jdbc.queryForList("SELECT name || ':' || sha256 FROM file_content WHERE tenant = ? "
                + "ORDER BY name", String.class, a.tenant);
        List<String> links = jdbc.queryForList("SELECT member || ':' || value || ':' || role FROM account_link "
                + "WHERE tenant = ? ORDER BY member", String.class, a.tenant);
        assertThat(events).isNotEmpty();
        assertThat(files).hasSize(2);
        return new State(events, files, links);
    }

    /**
     * Nothing of A may come back: never A's marker, and — unless B itself sent A's tenant name in the header —
     * never A's tenant name either.
     */
    private static void leaks(String endpoint, Attack attack, String body, Fixture a, boolean checkTenant,
                              List<String> failures) {
        if (body != null && body.contains(a.marker)) {
            failures.add(endpoint + " " + attack.path() + " leaked A's data: " + body);
        }
        if (checkTenant && body != null && body.contains(a.tenant)) {
            failures.add(endpoint + " " + attack.path() + " named A's tenant: " + body);
        }
    }

    /** Every "METHOD pattern" the platform serves ("*" for any method), and whether its handler takes a Caller. */
    private Map<String, Boolean> servedEndpoints() {
        Map<String, Boolean> served = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = e.getValue();
            boolean scoped = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.getParameterType().equals(Caller.class));
            var methods = e.getKey().getMethodsCondition().getMethods();
            List<String> names = methods.isEmpty() ? List.of("*") : methods.stream().map(Enum::name).toList();
            for (String pattern : e.getKey().getPatternValues()) {
                for (String method : names) {
                    served.merge(method + " " + pattern, scoped, Boolean::logicalOr);
                }
            }
        }
        return served;
    }

    private static ChariotClient.Response send(ChariotClient client, Attack attack) {
        return switch (attack.method()) {
            case "GET" -> client.get(attack.path());
            case "PUT" -> client.put(attack.path(), attack.body() == null ? "" : attack.body());
            case "POST" -> client.post(attack.path(), attack.body() == null ? "" : attack.body());
            case "DELETE" -> client.delete(attack.path(), attack.body() == null ? "" : attack.body());
            default -> throw new IllegalArgumentException(attack.method());
        };
    }

    private static Attack get(String path) {
        return new Attack("GET", path, null, false);
    }

    private static Attack write(String method, String path, String body) {
        return new Attack(method, path, body, true);
    }

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
