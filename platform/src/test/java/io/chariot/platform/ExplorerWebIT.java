package io.chariot.platform;

import io.chariot.api.personal.TenantDataKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.chariot.platform.ExplorerApiIT.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The explorer's web pages at the HTTP level, where the security properties are exact: no page without a valid
 * session, a session only through the login form (CSRF-protected) in a cookie {@code HttpOnly},
 * {@code SameSite=Strict} and scoped to {@code /explorer}, which the API does not take; pages without scripts or
 * framing; logins that go back only to explorer pages; bad filters answered as pages saying what is wrong; the
 * operators' pages (projections, sagas) refused to everyone else, and their actions only with the page's CSRF token.
 */
class ExplorerWebIT extends PlatformIntegrationTest {

    @Autowired
    TenantDataKeys tenantDataKeys;

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void noPageWithoutASessionAndTheLoginSendsThePersonBackToWhereTheyWere() {
        var page = get("/explorer?type=RiskOpened", null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location").orElseThrow()).startsWith("/explorer/login?next=/explorer")
                .contains("RiskOpened");
        ChariotClient alice = newTenant();
        // a bearer token is the API's way in, not the pages'
        assertThat(send(HttpRequest.newBuilder(uri("/explorer")).header("Authorization", "Bearer "
                + alice.token().json().get("token").asText()).GET()).statusCode()).isEqualTo(303);
        // a forged session goes to the login form and is cleared
        var forged = get("/explorer", "chariot_explorer=eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImEifQ.");
        assertThat(forged.statusCode()).isEqualTo(303);
        assertThat(forged.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("chariot_explorer=;"));

        Session session = logIn(alice, "/explorer?type=RiskOpened");
        assertThat(session.location()).isEqualTo("/explorer?type=RiskOpened");
        assertThat(session.setCookie()).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/explorer");
        var stream = get("/explorer?type=RiskOpened", session.cookies());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains(alice.tenant).doesNotContain("<script");
        assertThat(stream.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(stream.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // the API does not take the explorer's cookie
        assertThat(send(HttpRequest.newBuilder(uri("/events")).header("Cookie", session.cookies()).GET())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aLoginNeedsTheFormsCsrfTokenAndAValidKeyAndGoesOnlyToExplorerPages() {
        ChariotClient alice = newTenant();
        String[] key = alice.keyOptions();
        // no CSRF token: refused before the key is even looked at
        var noCsrf = post("/explorer/login", "keyId=" + key[3] + "&keySecret=" + key[5], null);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("chariot_explorer="));

        var form = get("/explorer/login", null);
        String csrfCookie = cookie(form, "chariot_explorer_csrf");
        assertThat(form.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("chariot_explorer_csrf=")
                && c.contains("HttpOnly") && c.contains("SameSite=Strict"));
        String csrf = csrf(form.body());
        var wrong = post("/explorer/login", "_csrf=" + csrf + "&keyId=" + key[3] + "&keySecret=wrong", csrfCookie);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("That did not work");
        assertThat(wrong.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("chariot_explorer="));

        for (String next : List.of("//evil.example/x", "https://evil.example", "/explorer/../actuator",
                "/explorer\\@evil.example", "/events")) {
            Session session = logIn(alice, next);
            assertThat(session.location()).as(next).isEqualTo("/explorer");
        }
    }

    @Test
    void aPurgedTenantsPersonalDataShowsAsErasedOnItsPagesWhileTheRestOfTheEventStays() {
        ChariotClient alice = newTenant();
        String note = "web-note-" + Long.toHexString(System.nanoTime());
        ok(alice.put("/asset", "{\"group\":\"erased.example\",\"identifier\":\"10.14.14.14\",\"status\":\"A\"}"));
        ok(alice.put("/risk", "{\"key\":\"#asset#erased.example#10.14.14.14\",\"name\":\"CVE-2024-1414\","
                + "\"status\":\"TH\",\"source\":\"\",\"comment\":\"" + note + "\"}"));
        String id = ExplorerApiIT.all(alice, "type=RiskOpened").get(0).get("id").asText();
        Session session = logIn(alice, "/explorer");
        assertThat(get("/explorer/events/" + id, session.cookies()).body()).contains(note)
                .doesNotContain("badge erased");

        tenantDataKeys.destroy(alice.tenant);

        var event = get("/explorer/events/" + id, session.cookies());
        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(event.body()).doesNotContain(note).contains("contains erased data")
                .contains("title=\"tenant purged\">erased</span>").contains("CVE-2024-1414");
        var stream = get("/explorer?type=RiskOpened", session.cookies());
        assertThat(stream.body()).contains("badge erased").contains("(erased)").doesNotContain(note);
    }

    @Test
    void badFiltersAndForeignTenantsAreAnsweredAsPagesThatSayWhy() {
        ChariotClient alice = newTenant();
        ChariotClient mallory = newTenant();
        ok(alice.put("/asset", "{\"group\":\"web.example\",\"identifier\":\"10.13.13.13\",\"status\":\"A\"}"));
        String id = ExplorerApiIT.all(alice, "").get(0).get("id").asText();
        Session session = logIn(mallory, "/explorer");

        var bad = get("/explorer?since=yesterday", session.cookies());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(bad.body()).contains("since must be an ISO-8601 time");
        var foreign = get("/explorer/events/" + id, session.cookies());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain(alice.tenant);
        assertThat(get("/explorer?tenant=" + URLEncoder.encode(alice.tenant, StandardCharsets.UTF_8),
                session.cookies()).statusCode()).isEqualTo(403);
        assertThat(get("/explorer/operations", session.cookies()).statusCode()).isEqualTo(403);

        Session operator = logIn(clientFor(OPERATOR), "/explorer");
        var operations = get("/explorer/operations", operator.cookies());
        assertThat(operations.statusCode()).isEqualTo(200);
        assertThat(operations.body()).contains("assets-dynamodb").contains("risks-neo4j");
        assertThat(get("/explorer/events/" + id, operator.cookies()).body()).contains(alice.tenant);

        // parked events, per projection, with their actions: operators only, and the actions need the page's token
        var parked = get("/explorer/operations/assets-dynamodb/parked", operator.cookies());
        assertThat(parked.statusCode()).isEqualTo(200);
        assertThat(parked.body()).contains("Parked events of").contains("assets-dynamodb");
        assertThat(get("/explorer/operations/assets-dynamodb/parked", session.cookies()).statusCode())
                .isEqualTo(403);
        assertThat(get("/explorer/operations/no-such-projection/parked", operator.cookies()).statusCode())
                .isEqualTo(404);
        var noToken = post("/explorer/operations/assets-dynamodb/parked/retry", "", operator.cookies());
        assertThat(noToken.statusCode()).as(noToken.headers().map() + " " + noToken.body()).isEqualTo(403);
        var malloryPage = get("/explorer", session.cookies());
        assertThat(post("/explorer/operations/assets-dynamodb/parked/retry", "_csrf=" + enc(csrf(malloryPage.body())),
                withCookiesOf(malloryPage, session.cookies())).statusCode()).isEqualTo(403);
        var retried = post("/explorer/operations/assets-dynamodb/parked/retry", "_csrf=" + enc(csrf(parked.body())),
                withCookiesOf(parked, operator.cookies()));
        assertThat(retried.statusCode()).isEqualTo(303);
        assertThat(retried.headers().firstValue("Location")).hasValue("/explorer/operations/assets-dynamodb/parked");
        var discardNothing = post("/explorer/operations/assets-dynamodb/parked/discard", "_csrf="
                + enc(csrf(parked.body())) + "&sequence=nothing-parked", withCookiesOf(parked, operator.cookies()));
        assertThat(discardNothing.statusCode()).isEqualTo(404);
        assertThat(discardNothing.body()).contains("nothing is parked for nothing-parked");

        // logging out needs the page's CSRF token too, and ends the session
        var page = get("/explorer", session.cookies());
        var logout = post("/explorer/logout", "_csrf=" + enc(csrf(page.body())), withCookiesOf(page, session.cookies()));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("chariot_explorer=;"));
    }

    @Test
    void anOperatorSeesASagaInstanceAndItsParkedFailureAndOnlyARetryWithThePagesCsrfTokenDrainsIt() {
        ChariotClient alice = newTenant();
        String key = probeKey("explorer");
        FaultySaga.FAILING.add(alice.tenant + key);
        stored(alice.put("/asset", probe("explorer")));
        Session operator = logIn(clientFor(OPERATOR), "/explorer");
        assertThat(get("/explorer/operations", operator.cookies()).body()).contains("href=\"/explorer/operations/sagas\"");

        // the instance the refused event started shows, with its parked event, under a shareable filter
        String filter = "/explorer/operations/sagas?type=test-probe&tenant=" + enc(alice.tenant);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sagaRows(get(filter, operator.cookies()))).hasSize(1)
                .allSatisfy((id, row) -> assertThat(row).contains(key).contains("RUNNING")
                        .containsPattern("data-test=\"parked\"[^>]*>1</a>")));
        var list = get(filter, operator.cookies());
        String sagaId = sagaRows(list).keySet().iterator().next();
        assertThat(list.body()).contains("test-probe").contains("aggregate = " + alice.tenant + key)
                .contains("<option value=\"\">any state</option>").doesNotContain("<script");
        assertThat(sagaRows(get(filter + "&state=COMPLETED", operator.cookies()))).isEmpty();
        // the counts by type and state lead to the same instances
        assertThat(list.body()).containsPattern("(?s)<tr data-saga-type=\"test-probe\">.*?data-state=\"RUNNING\">\\s*"
                + "<a href=\"/explorer/operations/sagas\\?type=test-probe&amp;state=RUNNING\">[1-9][0-9]*</a>");
        var badState = get("/explorer/operations/sagas?state=HALF_DONE", operator.cookies());
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(badState.body()).contains("state must be one of");
        assertThat(get("/explorer/operations/sagas/no-such-saga", operator.cookies()).statusCode()).isEqualTo(404);

        String instance = "/explorer/operations/sagas/" + sagaId;
        var shown = get(instance, operator.cookies());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("AssetDiscovered").contains("this saga cannot take")
                .contains("data-test=\"parked-count\">(1)");
        assertThat(get("/explorer/operations/sagas/parked?limit=10000", operator.cookies()).body())
                .contains("data-saga=\"" + sagaId + "\"");

        // a tenant's admin is no operator: no saga pages, no actions, even with a token of their own pages
        Session aliceSession = logIn(alice, "/explorer");
        assertThat(get("/explorer/operations/sagas", aliceSession.cookies()).statusCode()).isEqualTo(403);
        assertThat(get(instance, aliceSession.cookies()).statusCode()).isEqualTo(403);
        assertThat(get("/explorer/operations/sagas/parked", aliceSession.cookies()).statusCode()).isEqualTo(403);
        var alicePage = get("/explorer", aliceSession.cookies());
        for (String action : List.of("/retry", "/discard", "/compensate")) {
            assertThat(post(instance + action, "_csrf=" + enc(csrf(alicePage.body())) + "&reason=mine",
                    withCookiesOf(alicePage, aliceSession.cookies())).statusCode()).as(action).isEqualTo(403);
        }

        // the fault is fixed; a retry without the page's token is refused and changes nothing
        FaultySaga.FAILING.remove(alice.tenant + key);
        var noToken = post(instance + "/retry", "", operator.cookies());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(get(instance, operator.cookies()).body()).contains("data-test=\"parked-count\">(1)");
        assertThat(FaultySaga.HANDLED.get(alice.tenant + key)).isNull();

        // with it, the parked event reaches the instance and the page shows it drained
        var retried = post(instance + "/retry", "_csrf=" + enc(csrf(shown.body())),
                withCookiesOf(shown, operator.cookies()));
        assertThat(retried.statusCode()).isEqualTo(303);
        assertThat(retried.headers().firstValue("Location")).hasValue(instance);
        assertThat(FaultySaga.HANDLED.get(alice.tenant + key)).containsExactly("AssetDiscovered");
        var after = get(instance, operator.cookies());
        assertThat(after.body()).contains("data-test=\"parked-count\">(0)").contains("Nothing is parked")
                .containsPattern("data-test=\"steps\"><li>AssetDiscovered</li></ol>");
    }

    @Test
    void anOperatorDiscardsAndCompensatesFromTheExplorerAndRefusedActionsAreAnsweredAsPages() {
        ChariotClient bob = newTenant();
        String doomed = probeKey("doomed");
        String stuck = probeKey("stuck");
        FaultySaga.FAILING.add(bob.tenant + doomed);
        FaultySaga.FAILING.add(bob.tenant + stuck);
        stored(bob.put("/asset", probe("doomed")));
        stored(bob.put("/asset", probe("stuck")));
        Session operator = logIn(clientFor(OPERATOR), "/explorer");
        String filter = "/explorer/operations/sagas?tenant=" + enc(bob.tenant);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sagaRows(get(filter, operator.cookies())).values())
                .hasSize(2).allSatisfy(row -> assertThat(row).containsPattern("data-test=\"parked\"[^>]*>1</a>")));
        Map<String, String> rows = sagaRows(get(filter, operator.cookies()));
        String doomedId = idOf(rows, doomed);
        String stuckId = idOf(rows, stuck);

        // discarded from the list of parked failures, which the browser goes back to: the instance never sees it
        var parked = get("/explorer/operations/sagas/parked?limit=10000", operator.cookies());
        assertThat(parked.body()).contains("data-saga=\"" + doomedId + "\"").contains("data-saga=\"" + stuckId + "\"");
        var discarded = post("/explorer/operations/sagas/" + doomedId + "/discard", "_csrf="
                + enc(csrf(parked.body())) + "&back=parked", withCookiesOf(parked, operator.cookies()));
        assertThat(discarded.statusCode()).isEqualTo(303);
        assertThat(discarded.headers().firstValue("Location")).hasValue("/explorer/operations/sagas/parked");
        FaultySaga.FAILING.remove(bob.tenant + doomed);
        assertThat(get("/explorer/operations/sagas/" + doomedId, operator.cookies()).body())
                .contains("Nothing is parked for this instance");
        assertThat(FaultySaga.HANDLED.get(bob.tenant + doomed)).isNull();
        var page = get("/explorer/operations/sagas/" + doomedId, operator.cookies());
        var nothingLeft = post("/explorer/operations/sagas/" + doomedId + "/retry", "_csrf=" + enc(csrf(page.body())),
                withCookiesOf(page, operator.cookies()));
        assertThat(nothingLeft.statusCode()).isEqualTo(404);
        assertThat(nothingLeft.body()).contains("nothing is parked for saga " + doomedId);

        // compensated on purpose: a reason is required; then it ends, its parked event discarded, and cannot again
        String instance = "/explorer/operations/sagas/" + stuckId;
        var shown = get(instance, operator.cookies());
        assertThat(shown.body()).contains("Compensate");
        String cookies = withCookiesOf(shown, operator.cookies());
        String token = "_csrf=" + enc(csrf(shown.body()));
        var noReason = post(instance + "/compensate", token + "&reason=+", cookies);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason is required");
        var compensated = post(instance + "/compensate", token + "&reason=" + enc("cannot be fixed"), cookies);
        assertThat(compensated.statusCode()).isEqualTo(303);
        assertThat(compensated.headers().firstValue("Location")).hasValue(instance);
        var ended = get(instance, operator.cookies()).body();
        assertThat(ended).contains("data-test=\"state\">COMPENSATED").contains("cannot be fixed")
                .contains("data-test=\"parked-count\">(0)").doesNotContain("name=\"reason\"");
        assertThat(FaultySaga.HANDLED.get(stuckId)).containsExactly("compensated: cannot be fixed");
        var again = post(instance + "/compensate", token + "&reason=twice", cookies);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("has ended");
        FaultySaga.FAILING.remove(bob.tenant + stuck);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    record Session(String cookies, String location, String setCookie) {
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern SAGA_ROW = Pattern.compile("<tr data-saga=\"([^\"]+)\">(.*?)</tr>", Pattern.DOTALL);

    /** A probe asset {@link FaultySaga} starts an instance for. */
    private static String probe(String name) {
        return "{\"group\":\"sagas.example\",\"identifier\":\"" + FaultySaga.PROBE + "-" + name
                + "\",\"status\":\"A\"}";
    }

    private static String probeKey(String name) {
        return "#asset#sagas.example#" + FaultySaga.PROBE + "-" + name;
    }

    /** Stored is enough: sagas follow the event store (a lagging read model may answer 503 "stored"). */
    private static void stored(ChariotClient.Response r) {
        boolean storedNotVisible = r.status() == 503 && r.json().path("stored").asBoolean();
        assertThat(r.status() == 200 || storedNotVisible).as(r.body()).isTrue();
    }

    /** The saga list page's rows: instance id → the row's HTML. */
    private static Map<String, String> sagaRows(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = SAGA_ROW.matcher(page.body());
        while (m.find()) {
            rows.put(m.group(1), m.group(2));
        }
        return rows;
    }

    private static String idOf(Map<String, String> rows, String subject) {
        return rows.entrySet().stream().filter(e -> e.getValue().contains(subject)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no saga about " + subject));
    }

    /** The login form as a browser fills it: its CSRF cookie and field, the key, and where to go next. */
    private Session logIn(ChariotClient client, String next) {
        var form = get("/explorer/login", null);
        String csrfCookie = cookie(form, "chariot_explorer_csrf");
        String[] key = client.keyOptions();
        var login = post("/explorer/login", "_csrf=" + enc(csrf(form.body())) + "&keyId=" + enc(key[3])
                + "&keySecret=" + enc(key[5]) + "&next=" + enc(next), csrfCookie);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        String setCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("chariot_explorer=")).findFirst().orElseThrow();
        String session = setCookie.substring(0, setCookie.indexOf(';'));
        return new Session(session + "; " + csrfCookie, login.headers().firstValue("Location").orElseThrow(),
                setCookie);
    }

    /** The cookies a browser sends after this page: a CSRF cookie the page set replaces the one it had. */
    private static String withCookiesOf(HttpResponse<String> page, String cookies) {
        return page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("chariot_explorer_csrf="))
                .map(c -> c.substring(0, c.indexOf(';'))).filter(c -> !c.equals("chariot_explorer_csrf="))
                .findFirst().map(csrf -> cookies.replaceAll("chariot_explorer_csrf=[^;]*", csrf)).orElse(cookies);
    }

    private static String cookie(HttpResponse<String> response, String name) {
        String header = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie"));
        return header.substring(0, header.indexOf(';'));
    }

    private static String csrf(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("a CSRF field in the form").isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String cookies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String form, String cookies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return send(request);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
