package io.chariot.load.gatling;

import io.chariot.load.gatling.verdict.LatencyTimeline;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The praetorian-cli's daily use as Gatling sessions. A virtual user is one sitting at the CLI (or one SDK script):
 * it authenticates once with the API key ({@code GET /token}, as the client does per process), then runs a short
 * workflow of commands with the bodies the CLI sends:
 * <ul>
 *   <li>30 % discover: {@code add asset}, {@code get asset};</li>
 *   <li>25 % browse: {@code list assets -f #asset#<group>}, {@code search --term name:<prefix> --kind asset};</li>
 *   <li>25 % triage: {@code add asset}, {@code add risk}, {@code get risk}, {@code list risks -f #risk#<group>};</li>
 *   <li>10 % attributes: {@code add asset}, {@code add attribute}, {@code list attributes -k <asset>};</li>
 *   <li>10 % jobs: {@code list jobs} ({@code GET /my?key=#job#}).</li>
 * </ul>
 * About 3.5 requests and one write per session. Assets come from a bounded keyspace ({@code chariot.keyspace}) in 20
 * groups, so a long run settles into upserts of known assets, as a tenant's daily scans do. Every request checks its
 * status and body shape ({@link Shapes}) and is recorded in the run's {@link LatencyTimeline}; a failed step ends the
 * session (later steps depend on it).
 */
final class CliWorkflows {

    static final int GROUPS = 20;

    private final Settings settings;
    private final LatencyTimeline timeline;

    CliWorkflows(Settings settings, LatencyTimeline timeline) {
        this.settings = settings;
        this.timeline = timeline;
    }

    /** Each virtual user has its own connection, as each CLI process does. */
    HttpProtocolBuilder protocol() {
        return http.baseUrl(settings.api())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("chariot-gatling (praetorian-cli workflows)")
                .disableCaching()
                .disableFollowRedirect();
    }

    ScenarioBuilder sessions(String name) {
        return scenario(name).exec(pickTarget(), timed(token()), randomSwitch().on(
                percent(30.0).then(group("discover").on(timed(addAsset()), timed(getAsset()))),
                percent(25.0).then(group("browse").on(timed(listAssets()), timed(searchAssets()))),
                percent(25.0).then(group("triage").on(timed(addAsset()), timed(addRisk()), timed(getRisk()),
                        timed(listRisks()))),
                percent(10.0).then(group("attributes").on(timed(addAsset()), timed(addAttribute()),
                        timed(listAttributes()))),
                percent(10.0).then(group("jobs").on(timed(listJobs())))));
    }

    /** The asset this session works on, from the run's keyspace. */
    private ChainBuilder pickTarget() {
        return exec(session -> {
            int i = ThreadLocalRandom.current().nextInt(settings.keyspace());
            String group = "g" + (i % GROUPS) + "." + settings.runId() + ".gatling.example";
            String identifier = "10.77." + (i / 256) % 256 + "." + i % 256;
            String assetKey = CliRequests.assetKey(group, identifier);
            String riskName = "gatling-risk-" + ThreadLocalRandom.current().nextInt(5);
            String port = Integer.toString(8000 + ThreadLocalRandom.current().nextInt(10));
            return session.set("group", group).set("identifier", identifier).set("assetKey", assetKey)
                    .set("riskName", riskName).set("riskKey", CliRequests.riskKey(group, riskName))
                    .set("port", port).set("attributeKey", CliRequests.attributeKey(assetKey, "port", port));
        });
    }

    private HttpRequestActionBuilder token() {
        return http("GET /token").get("/token")
                .header("X-GUARD-API-KEY-ID", settings.apiKeyId())
                .header("X-GUARD-API-KEY-SECRET", settings.apiKeySecret())
                .check(responseTimeInMillis().saveAs("rt"), status().is(200), jsonPath("$.token").saveAs("token"));
    }

    private HttpRequestActionBuilder addAsset() {
        return authed(http("PUT /asset").put("/asset")
                .body(StringBody(s -> CliRequests.addAsset(s.getString("group"), s.getString("identifier")))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transformWithSession((body, s) -> Shapes.assetList(body, s.getString("assetKey"))).is(Shapes.OK));
    }

    private HttpRequestActionBuilder getAsset() {
        return authed(http("POST /my get asset").post("/my")
                .body(StringBody(s -> CliRequests.myQuery("Asset", "key", "=", s.getString("assetKey")))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transformWithSession((body, s) -> Shapes.holds(body, "assets", s.getString("assetKey"))).is(Shapes.OK));
    }

    private HttpRequestActionBuilder listAssets() {
        return authed(http("POST /my list assets -f group").post("/my")
                .body(StringBody(s -> CliRequests.myQuery("Asset", "key", "STARTS WITH", "#asset#" + s.getString("group")))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transformWithSession((body, s) -> Shapes.listOf(body, "assets", "#asset#" + s.getString("group"))).is(Shapes.OK));
    }

    private HttpRequestActionBuilder searchAssets() {
        return authed(http("POST /my search name:").post("/my")
                .body(StringBody(s -> CliRequests.myQuery("Asset", "name", "STARTS WITH",
                        s.getString("identifier").substring(0, s.getString("identifier").lastIndexOf('.') + 1)))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transform(body -> Shapes.listOf(body, "assets", "#asset#")).is(Shapes.OK));
    }

    private HttpRequestActionBuilder addRisk() {
        return authed(http("PUT /risk").put("/risk")
                .body(StringBody(s -> CliRequests.addRisk(s.getString("assetKey"), s.getString("riskName"), "TH",
                        "found by the gatling triage workflow"))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transformWithSession((body, s) -> Shapes.holds(body, "risks", s.getString("riskKey"))).is(Shapes.OK));
    }

    private HttpRequestActionBuilder getRisk() {
        return authed(http("POST /my get risk").post("/my")
                .body(StringBody(s -> CliRequests.myQuery("Risk", "key", "=", s.getString("riskKey")))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transformWithSession((body, s) -> Shapes.holds(body, "risks", s.getString("riskKey"))).is(Shapes.OK));
    }

    private HttpRequestActionBuilder listRisks() {
        return authed(http("POST /my list risks -f dns").post("/my")
                .body(StringBody(s -> CliRequests.myQuery("Risk", "key", "STARTS WITH", "#risk#" + s.getString("group")))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transformWithSession((body, s) -> Shapes.listOf(body, "risks", "#risk#" + s.getString("group"))).is(Shapes.OK));
    }

    private HttpRequestActionBuilder addAttribute() {
        return authed(http("PUT /attribute").put("/attribute")
                .body(StringBody(s -> CliRequests.addAttribute(s.getString("assetKey"), "port", s.getString("port")))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transformWithSession((body, s) -> Shapes.holds(body, "attributes", s.getString("attributeKey"))).is(Shapes.OK));
    }

    private HttpRequestActionBuilder listAttributes() {
        return authed(http("POST /my list attributes -k").post("/my")
                .body(StringBody(s -> CliRequests.myQuery("Attribute", "source", "STARTS WITH", s.getString("assetKey")))))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transform(body -> Shapes.listOf(body, "attributes", "#attribute#port#")).is(Shapes.OK));
    }

    private HttpRequestActionBuilder listJobs() {
        return authed(http("GET /my list jobs").get("/my").queryParam("key", "#job#"))
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        bodyString().transform(body -> Shapes.listOf(body, "jobs", "#job#")).is(Shapes.OK));
    }

    private static HttpRequestActionBuilder authed(HttpRequestActionBuilder request) {
        return request.header("Authorization", "Bearer #{token}");
    }

    /**
     * The request, then its outcome into the timeline: the latency the first check saved (none when no answer came)
     * and whether the session failed. A failed step ends the session.
     */
    private ChainBuilder timed(HttpRequestActionBuilder request) {
        return exec(request).exec(session -> {
            Long rt = session.contains("rt") ? session.getLong("rt") : null;
            timeline.record(System.currentTimeMillis(), rt, !session.isFailed());
            return session.remove("rt");
        }).exitHereIfFailed();
    }
}
