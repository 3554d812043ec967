package io.chariot.cli.projections;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against a real loopback HTTP server that answers like the platform's admin API. */
class ProjectionsCliTest {

    private static final String KEY_ID = "ops-key";
    private static final String KEY_SECRET = "ops-secret";
    private static final String TOKEN = "tok-123";

    private static final String LIVE = """
            {"name":"assets-dynamodb","store":"dynamodb","version":1,"generation":0,
             "processingGroup":"assets-dynamodb","state":"live","lag":12,"parked":2,"failing":null,
             "segments":[{"segment":0,"position":123,"caughtUp":true,"replaying":false,"error":null},
                         {"segment":1,"position":null,"caughtUp":false,"replaying":false,"error":null}],
             "rebuild":null}""";

    private static final String COUNTS = """
            {"name":"assets-redis","store":"redis","version":2,"generation":3,"processingGroup":"assets-redis",
             "state":"retrying","lag":null,"parked":0,
             "failing":{"since":"2026-11-23T22:00:00Z","attempts":7,"cause":"redis timeout: no answer"},
             "segments":[{"segment":0,"position":77,"caughtUp":false,"replaying":true,"error":null}],
             "rebuild":null}""";

    private HttpServer server;
    private String api;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger statusPolls = new AtomicInteger();
    private volatile int tokenStatus = 200;
    private volatile int adminStatus = 200;
    private volatile String rebuildOutcome = "done";
    private volatile int stillParked = 0;

    @TempDir
    Path workDir;

    @BeforeEach
    void startFakeAdminApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/admin/projections", this::admin);
        server.createContext("/admin/sagas", this::admin);
        server.createContext("/actuator/health/liveness", this::liveness);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // held calls beside heartbeats
        server.start();
        api = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopFakeAdminApi() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void listRendersOneRowPerProjectionWithItsSegments() {
        Run run = run("list");

        assertThat(run.exit).isZero();
        assertThat(run.err).isEmpty();
        List<String> lines = run.out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("NAME +STORE +VERSION +GEN +GROUP +STATE +LAG +PARKED +SEGMENTS");
        assertThat(lines.get(1)).matches(
                "assets-dynamodb +dynamodb +1 +0 +assets-dynamodb +live +12 +2 +0@123 caught-up, 1@- behind");
        assertThat(lines.get(2)).matches("assets-redis +redis +2 +3 +assets-redis +retrying +- +0 +0@77 replaying");
        assertThat(requests).containsExactly("GET /token", "GET /admin/projections");
    }

    @Test
    void dlqListShowsEachParkedEventWithItsCauseOnOneLine() {
        Run run = run("dlq", "list", "assets-dynamodb", "--limit", "2");

        assertThat(run.exit).as(run.err).isZero();
        List<String> lines = run.out.lines().toList();
        assertThat(lines.get(0)).matches("SEQUENCE \\(AGGREGATE\\) +# +EVENT +SEQ +PARKED AT +CAUSE");
        assertThat(lines.get(1)).matches("t@x#asset#a#b +0 +AssetDiscovered +0 +2026-11-23T22:00:00Z +"
                + "ValidationException: key too long for the table");
        assertThat(lines.get(2)).matches("t@x#asset#a#b +1 +AssetVisited +1 +2026-11-23T22:00:01Z +-");
        assertThat(lines.get(3)).isEqualTo("… and 1 more (--limit)");
        assertThat(requests).contains("GET /admin/projections/assets-dynamodb/parked?limit=2");
    }

    private static final String SAGA = """
            {"sagaId":"s-1","type":"job-result","tenant":"t@x","subject":"#job#a#b#nmap","state":"COMPENSATED",
             "reason":"result not applied: attribute x on #asset#a#gone: asset is deleted",
             "associations":{"aggregate":"t@x#job#a#b#nmap"},"steps":["asset #asset#a#new"],
             "compensations":["asset #asset#a#new"],"deadlines":{},"startedAt":"2026-11-23T22:00:00Z",
             "updatedAt":"2026-11-23T22:00:01Z","parked":1}""";

    private static final String PARKED_SAGA_EVENT = """
            {"sagaId":"s-1","processingGroup":"job-results","index":0,"eventType":"JobFinished",
             "aggregateId":"t@x#job#a#b#nmap","sequenceNumber":3,"eventId":"e9","enqueuedAt":"2026-11-23T22:00:02Z",
             "lastTouched":"2026-11-23T22:00:02Z","causeType":"java.lang.IllegalStateException",
             "causeMessage":"asset is deleted"}""";

    @Test
    void sagasListShowsOneRowPerInstanceWithItsStepsCompensationsAndParkedEvents() {
        Run run = run("sagas", "list", "--state", "COMPENSATED", "--tenant", "t@x");

        assertThat(run.exit).as(run.err).isZero();
        List<String> lines = run.out.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("SAGA-ID +TYPE +TENANT +SUBJECT +STATE +STEPS +UNDONE +DEADLINES +PARKED +UPDATED");
        assertThat(lines.get(1)).matches("s-1 +job-result +t@x +#job#a#b#nmap +COMPENSATED +1 +1 +0 +1 +"
                + "2026-11-23T22:00:01Z");
        assertThat(requests).contains("GET /admin/sagas?limit=100&state=COMPENSATED&tenant=t%40x");
    }

    @Test
    void sagasShowGivesAnInstancesStepsCompensationsAndParkedEventsWithTheirCause() {
        Run run = run("sagas", "show", "s-1");

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("state        COMPENSATED (result not applied: attribute x on #asset#a#gone: "
                + "asset is deleted)")
                .contains("association  aggregate=t@x#job#a#b#nmap")
                .contains("step         asset #asset#a#new")
                .contains("undone       asset #asset#a#new")
                .contains("parked       1");
        assertThat(run.out.lines().toList().get(run.out.lines().toList().size() - 1)).matches(
                "s-1 +job-results +0 +JobFinished +t@x#job#a#b#nmap +2026-11-23T22:00:02Z +"
                        + "java.lang.IllegalStateException: asset is deleted");
    }

    @Test
    void sagasRetryExitsNonZeroWhileEventsStayParkedAndAnUnknownInstanceIsOneLineAndExitTwo() {
        Run drained = run("sagas", "retry", "s-1");
        stillParked = 2;
        Run stuck = run("sagas", "retry", "s-1");
        Run unknown = run("sagas", "retry", "nobody");
        Run missing = run("sagas", "discard");
        Run discarded = run("sagas", "discard", "s-1");

        assertThat(drained.exit).isZero();
        assertThat(drained.out).isEqualTo("s-1: parked events applied and drained; 0 event(s) still parked\n");
        assertThat(stuck.exit).isEqualTo(1);
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err.lines().toList()).containsExactly("chariot projections: no saga nobody");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("discard needs a SAGA-ID");
        assertThat(discarded.out).isEqualTo("s-1: discarded 1 parked event(s)\n");
    }

    @Test
    void sagasCompensateNeedsAReasonAndSendsIt() {
        Run missing = run("sagas", "compensate", "s-1");
        Run done = run("sagas", "compensate", "s-1", "--reason", "cannot be fixed");

        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("compensate needs --reason");
        assertThat(done.exit).as(done.err).isZero();
        assertThat(done.out).isEqualTo("s-1: COMPENSATED; 1 compensation(s) run\n");
        assertThat(requests).contains("POST /admin/sagas/s-1/compensate?reason=cannot+be+fixed");
    }

    @Test
    void dlqRetryExitsNonZeroWhileEventsStayParked() {
        Run drained = run("dlq", "retry", "assets-dynamodb", "--sequence", "t@x#asset#a#b");
        stillParked = 2;
        Run stuck = run("dlq", "retry", "assets-dynamodb");

        assertThat(drained.exit).isZero();
        assertThat(drained.out).isEqualTo("assets-dynamodb: 1 sequence(s) applied and drained; 0 event(s) still parked\n");
        assertThat(stuck.exit).isEqualTo(1);
        assertThat(requests).contains("POST /admin/projections/assets-dynamodb/parked/retry?sequence=t%40x%23asset%23a%23b",
                "POST /admin/projections/assets-dynamodb/parked/retry");
    }

    @Test
    void dlqDiscardNeedsASequenceAndSaysWhenNothingIsParkedForIt() {
        Run missing = run("dlq", "discard", "assets-dynamodb");
        Run discarded = run("dlq", "discard", "assets-dynamodb", "--sequence", "t@x#asset#a#b");
        Run nothing = run("dlq", "discard", "assets-dynamodb", "--sequence", "nobody");

        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err.lines()).hasSize(1);
        assertThat(discarded.exit).isZero();
        assertThat(discarded.out).contains("discarded 2 parked event(s) of t@x#asset#a#b; 1 still parked");
        assertThat(nothing.exit).isEqualTo(2);
        assertThat(nothing.err).isEqualTo("chariot projections: nothing is parked for nobody in assets-dynamodb\n");
    }

    @Test
    void statusSaysWhyAProjectionIsRetryingAndThatEventsAreParked() {
        Run run = run("status", "assets-dynamodb");

        assertThat(run.out).contains("2 event(s) parked: ./chariot projections dlq list assets-dynamodb");
    }

    @Test
    void statusShowsTheSegmentsAndTheRebuildProgress() {
        rebuildOutcome = "never";
        run("rebuild", "assets-dynamodb", "--no-wait");

        Run run = run("status", "assets-dynamodb");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("assets-dynamodb", "rebuilding")
                .containsPattern("(?m)^  SEGMENT +POSITION +CAUGHT-UP +REPLAYING +ERROR$")
                .containsPattern("(?m)^  0 +123 +no +yes +-$")
                .contains("Rebuild: running  5000/100000 events  1,235 ev/s  ETA 1m17s")
                .contains("started 2026-11-23T22:00:00Z");
    }

    @Test
    void statusWatchPrintsSuccessiveSnapshotsWithoutAnsiWhenStdoutIsNotATerminal() {
        Run run = run("status", "assets-dynamodb", "--watch", "--interval", "0.01", "--watch-count", "2");

        assertThat(run.exit).isZero();
        assertThat(run.out).doesNotContain("\033[");
        assertThat(run.out.split("Every ", -1)).hasSize(3);
    }

    @Test
    void rebuildPollsUntilDoneAndPrintsTheCaughtUpLine() {
        Run run = run("rebuild", "assets-dynamodb", "--poll-millis", "5");

        assertThat(run.exit).isZero();
        assertThat(run.out.strip())
                .isEqualTo("assets-dynamodb: caught up with the live head after 100000 events in 12.3s");
        assertThat(run.err).contains("[#####.....] 51234/100000 events  8,512 ev/s  ETA 6s\n")
                .contains("[##########] 100000/100000 events");
        assertThat(requests).contains("POST /admin/projections/assets-dynamodb/rebuild?segments=1");
        assertThat(statusPolls.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFailedRebuildPrintsItsErrorOnOneLineAndExits1() {
        rebuildOutcome = "failed";

        Run run = run("rebuild", "assets-dynamodb", "--poll-millis", "5");

        assertThat(run.exit).isEqualTo(1);
        assertThat(lastLine(run.err)).isEqualTo("chariot projections: rebuild of 'assets-dynamodb' failed after "
                + "51234 events: DynamoDB throttled the writes");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aRebuildAlreadyRunningExits1() {
        Run first = run("rebuild", "assets-dynamodb", "--no-wait");
        Run second = run("rebuild", "assets-dynamodb", "--no-wait");

        assertThat(first.exit).isZero();
        assertThat(first.out).contains("assets-dynamodb: rebuild started (100000 events to replay)");
        assertThat(second.exit).isEqualTo(1);
        assertThat(second.err.strip()).isEqualTo(
                "chariot projections: a rebuild or verify of 'assets-dynamodb' is already running");
    }

    @Test
    void aDryRunPrintsTheStepsAndStartsNothing() {
        Run run = run("rebuild", "assets-dynamodb", "--dry-run");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("assets-dynamodb (dynamodb): a rebuild would replay 100000 events",
                "  1. reset the tokens of assets-dynamodb", "  2. replay 100000 events", "nothing was changed");
        assertThat(requests).containsExactly("GET /token",
                "POST /admin/projections/assets-dynamodb/rebuild?dryRun=true&segments=1");
    }

    @Test
    void anUnknownProjectionIsOneLineAndExit2() {
        Run run = run("status", "nope");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).isEqualTo("chariot projections: unknown projection 'nope'\n");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aRejectedKeyIsAnAuthenticationFailureWithExit3() {
        tokenStatus = 401;

        Run run = run("list");

        assertThat(run.exit).isEqualTo(3);
        assertThat(run.err).isEqualTo("chariot projections: authentication failed (bad API key)\n");
    }

    @Test
    void aKeyOfATenantThatIsNotAPlatformOperatorExits3() {
        adminStatus = 403;

        Run run = run("list");

        assertThat(run.exit).isEqualTo(3);
        assertThat(run.err).isEqualTo("chariot projections: the tenant of API key 'ops-key' is not a platform "
                + "operator (platform operators only)\n");
    }

    @Test
    void anUnreachablePlatformIsOneLineAndExit4() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        Run run = runAgainst(url, Map.of(), "list");

        assertThat(run.exit).isEqualTo(4);
        assertThat(run.err).isEqualTo("chariot projections: cannot reach " + url
                + ": connection refused — is ./chariot up running?\n");
    }

    @Test
    void rebuildOptionsTravelAsQueryParameters() {
        Run run = run("rebuild", "assets-dynamodb", "--blue-green", "--segments", "4", "--accept-differences",
                "--restart", "--no-wait");
        rebuilding = false;
        Run since = run("rebuild", "assets-dynamodb", "--since", "2026-11-01T00:00:00Z", "--no-wait");
        rebuilding = false;
        Run from = run("rebuild", "assets-dynamodb", "--from", "42", "--no-wait");

        assertThat(List.of(run.exit, since.exit, from.exit)).containsOnly(0);
        assertThat(requests).contains(
                "POST /admin/projections/assets-dynamodb/rebuild?segments=4&blueGreen=true&restart=true"
                        + "&acceptDifferences=true",
                "POST /admin/projections/assets-dynamodb/rebuild?segments=1&since=2026-11-01T00:00:00Z",
                "POST /admin/projections/assets-dynamodb/rebuild?segments=1&from=42");
    }

    @Test
    void contradictoryRebuildOptionsExit2WithOneLineAndSendNothing() {
        for (String[] args : List.of(new String[] {"--blue-green", "--from", "3"},
                new String[] {"--from", "1", "--since", "2026-11-01T00:00:00Z"}, new String[] {"--segments", "0"},
                new String[] {"--since", "yesterday"}, new String[] {"--accept-differences"},
                new String[] {"--from", "-5"})) {
            String[] full = new String[args.length + 2];
            full[0] = "rebuild";
            full[1] = "assets-dynamodb";
            System.arraycopy(args, 0, full, 2, args.length);

            Run run = run(full);

            assertThat(run.exit).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err.lines().count()).as(run.err).isEqualTo(1);
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void verifyPrintsEachModelAndExits0WhenItMatches() {
        verification = """
                {"name":"assets-dynamodb","matches":true,"eventsReplayed":1200,"models":[{"name":"assets-dynamodb",
                 "store":"dynamodb","liveGeneration":0,"liveRecords":800,"rebuiltRecords":800,"tenants":3,
                 "differences":[]}]}""";

        Run run = run("verify", "assets-dynamodb", "--segments", "2");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("assets-dynamodb  dynamodb  0", "800", "matches a rebuild from the event store "
                + "(1200 events replayed)");
        assertThat(requests).containsExactly("GET /token", "POST /admin/projections/assets-dynamodb/verify?segments=2");
    }

    @Test
    void theProgressBarNamesABlueGreenRebuildsPhaseOnceThereIsNothingLeftToReplay() {
        var catchingUp = new AdminModel.Rebuild("running", "blue-green", "catching up", 4, 20L, 20L, 0L, 10.0, 0L,
                "2026-11-23T22:00:00Z", null, null, null, List.of());
        var replaying = new AdminModel.Rebuild("running", "in-place", "replaying", 0, 10L, 20L, 0L, 10.0, 1L,
                "2026-11-23T22:00:00Z", null, null, null, List.of());

        assertThat(Views.progressBar(catchingUp)).isEqualTo("[##########] 20/20 events  10 ev/s  ETA 0s  (catching up)");
        assertThat(Views.progressBar(replaying)).isEqualTo("[#####.....] 10/20 events  10 ev/s  ETA 1s");
    }

    @Test
    void abortStopsTheRebuildAndSaysHowToResume() {
        Run run = run("abort", "assets-dynamodb");

        assertThat(run.exit).isZero();
        assertThat(run.out).isEqualTo("assets-dynamodb: rebuild aborted after 5000 events; run it again to resume\n");
        assertThat(requests).containsExactly("GET /token", "POST /admin/projections/assets-dynamodb/rebuild/abort");
    }

    @Test
    void aVerifyTakesAsLongAsItTakesWhileThePlatformKeepsAnswering() {
        verification = MATCHING;
        heartbeats = new CountDownLatch(5); // far longer than one heartbeat: the old client gave up after 30 s

        Run run = run("verify", "assets-dynamodb", "--heartbeat-millis", "40");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("matches a rebuild from the event store");
        assertThat(requests.stream().filter(r -> r.equals("GET /actuator/health/liveness")).count())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void aPlatformThatStopsAnsweringDuringAVerifyIsOneLineAndExit4() {
        verification = MATCHING;
        heartbeats = new CountDownLatch(1);
        livenessAnswers = false; // hung, as a SIGSTOPped JVM is: connections are accepted, nothing answers

        Run run = run("verify", "assets-dynamodb", "--heartbeat-millis", "40");

        assertThat(run.exit).isEqualTo(4);
        assertThat(run.err.lines().toList()).last().isEqualTo("chariot projections: cannot reach " + api
                + ": no answer for 120ms while waiting for POST /admin/projections/assets-dynamodb/verify?segments=1"
                + " — is ./chariot up running?");
    }

    @Test
    void verifyListsTheDifferingTenantsAndExits1() {
        verification = """
                {"name":"assets-dynamodb","matches":false,"eventsReplayed":1200,"models":[{"name":"assets-dynamodb",
                 "store":"dynamodb","liveGeneration":0,"liveRecords":799,"rebuiltRecords":800,"tenants":3,
                 "differences":[{"tenant":"a@x.com","liveRecords":1,"rebuiltRecords":2,
                   "liveChecksum":"00000000000000aa","rebuiltChecksum":"00000000000000bb"}]}]}""";

        Run run = run("verify", "assets-dynamodb");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).contains("tenant a@x.com: live 1 records (00000000000000aa), rebuilt 2 records "
                + "(00000000000000bb)", "assets-dynamodb: DIFFERS from a rebuild from the event store");
    }

    @Test
    void badArgumentsAreAOneLineUsageErrorWithExit2() {
        for (String[] args : List.of(new String[] {"status"}, new String[] {"bogus"}, new String[] {},
                new String[] {"list", "--nope"}, new String[] {"rebuild", "x", "--segments", "many"},
                new String[] {"status", "x", "--watch", "--interval", "0"})) {
            Run run = run(args);

            assertThat(run.exit).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err.lines()).as(String.join(" ", args)).hasSize(1)
                    .allMatch(line -> line.startsWith("chariot projections: ") && line.endsWith("--help)"));
            assertThat(run.out).isEmpty();
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (String command : List.of("list", "status", "rebuild", "verify")) {
            Run run = run(command, "--help");
            assertThat(run.exit).isZero();
            assertThat(run.out).contains("Usage: chariot projections " + command);
        }
        assertThat(run("--help").out).contains("list", "status", "rebuild", "verify", "Exit codes");
    }

    @Test
    void theUrlAndTheDevelopmentKeyComeFromTheWorkDirWhenNotGiven() throws IOException {
        Files.writeString(workDir.resolve("platform.url"), api + "\n");
        Files.writeString(workDir.resolve("dev-credentials.env"), "CHARIOT_BOOTSTRAP_TENANT=dev@chariot.local\n"
                + "CHARIOT_BOOTSTRAP_API_KEY_ID=" + KEY_ID + "\nCHARIOT_BOOTSTRAP_API_KEY_SECRET=" + KEY_SECRET + "\n");

        Run run = execute(Map.of(), "list", "--work-dir", workDir.toString());

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("assets-dynamodb");
    }

    @Test
    void theEnvironmentKeyWinsOverTheDevelopmentKey() throws IOException {
        Files.writeString(workDir.resolve("dev-credentials.env"),
                "CHARIOT_BOOTSTRAP_API_KEY_ID=wrong\nCHARIOT_BOOTSTRAP_API_KEY_SECRET=wrong\n");

        Run run = execute(Map.of("CHARIOT_API", api, "CHARIOT_API_KEY_ID", KEY_ID,
                "CHARIOT_API_KEY_SECRET", KEY_SECRET), "--work-dir", workDir.toString(), "list");

        assertThat(run.exit).isZero();
    }

    // ---- the fake admin API -------------------------------------------------------------------------------------

    private void token(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        if (tokenStatus != 200 || !KEY_ID.equals(exchange.getRequestHeaders().getFirst("X-GUARD-API-KEY-ID"))
                || !KEY_SECRET.equals(exchange.getRequestHeaders().getFirst("X-GUARD-API-KEY-SECRET"))) {
            problem(exchange, 401, "bad API key");
            return;
        }
        respond(exchange, 200, "{\"token\":\"" + TOKEN + "\"}");
    }

    private static final String MATCHING = """
            {"name":"assets-dynamodb","matches":true,"eventsReplayed":1200,"models":[{"name":"assets-dynamodb",
             "store":"dynamodb","liveGeneration":0,"liveRecords":800,"rebuiltRecords":800,"tenants":3,
             "differences":[]}]}""";

    private volatile boolean rebuilding;
    private volatile String verification;
    private volatile boolean livenessAnswers = true;
    /** The verify call answers once this many heartbeats came in (or the test ends). */
    private volatile CountDownLatch heartbeats = new CountDownLatch(0);
    private final CountDownLatch release = new CountDownLatch(1);

    private void liveness(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        if (!livenessAnswers) {
            await();
            return;
        }
        heartbeats.countDown();
        respond(exchange, 200, "{\"status\":\"UP\"}");
    }

    private void await() {
        await(release);
    }

    /** Until {@code latch} opens or the test ends. */
    private void await(CountDownLatch latch) {
        try {
            while (!latch.await(10, java.util.concurrent.TimeUnit.MILLISECONDS) && release.getCount() > 0) {
                // the next check
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void admin(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String uri = exchange.getRequestURI().toString();
        requests.add(method + " " + uri);
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            problem(exchange, 401, "missing or bad token");
            return;
        }
        if (adminStatus == 403) {
            problem(exchange, 403, "platform operators only");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (method.equals("GET") && path.equals("/admin/projections")) {
            respond(exchange, 200, "{\"projections\":[" + LIVE + "," + COUNTS + "]}");
        } else if (method.equals("GET") && path.equals("/admin/projections/assets-dynamodb")) {
            respond(exchange, 200, rebuilding ? polled() : LIVE);
        } else if (method.equals("POST") && path.equals("/admin/projections/assets-dynamodb/rebuild/abort")) {
            respond(exchange, 200, rebuildingProjection(running(5000, 0.0, null).replace("running", "aborted")));
        } else if (method.equals("POST") && path.equals("/admin/projections/assets-dynamodb/verify")) {
            await(heartbeats);
            respond(exchange, 200, verification);
        } else if (method.equals("GET") && path.equals("/admin/projections/assets-dynamodb/parked")) {
            respond(exchange, 200, """
                    {"name":"assets-dynamodb","processingGroup":"assets-dynamodb","parked":3,"events":[
                     {"sequence":"t@x#asset#a#b","index":0,"eventType":"AssetDiscovered","aggregateId":"t@x#asset#a#b",
                      "sequenceNumber":0,"eventId":"e1","enqueuedAt":"2026-11-23T22:00:00Z",
                      "lastTouched":"2026-11-23T22:00:00Z","causeType":"software.amazon.awssdk.ValidationException",
                      "causeMessage":"key too long\\nfor the table"},
                     {"sequence":"t@x#asset#a#b","index":1,"eventType":"AssetVisited","aggregateId":"t@x#asset#a#b",
                      "sequenceNumber":1,"eventId":"e2","enqueuedAt":"2026-11-23T22:00:01Z",
                      "lastTouched":"2026-11-23T22:00:01Z","causeType":null,"causeMessage":null}]}""");
        } else if (method.equals("POST") && path.equals("/admin/projections/assets-dynamodb/parked/retry")) {
            respond(exchange, 200, "{\"drained\":1,\"stillParked\":" + stillParked + "}");
        } else if (method.equals("DELETE") && path.equals("/admin/projections/assets-dynamodb/parked")) {
            if (exchange.getRequestURI().getQuery().contains("nobody")) {
                problem(exchange, 404, "nothing is parked for nobody in assets-dynamodb");
            } else {
                respond(exchange, 200, "{\"name\":\"assets-dynamodb\",\"sequence\":\"t@x#asset#a#b\","
                        + "\"discarded\":2,\"parked\":1}");
            }
        } else if (method.equals("GET") && path.equals("/admin/sagas")) {
            respond(exchange, 200, "{\"parked\":1,\"sagas\":[" + SAGA + "]}");
        } else if (method.equals("GET") && path.equals("/admin/sagas/s-1")) {
            respond(exchange, 200, "{\"saga\":" + SAGA + ",\"events\":[" + PARKED_SAGA_EVENT + "]}");
        } else if (method.equals("GET") && path.equals("/admin/sagas/parked")) {
            respond(exchange, 200, "{\"parked\":1,\"events\":[" + PARKED_SAGA_EVENT + "]}");
        } else if (method.equals("POST") && path.equals("/admin/sagas/s-1/parked/retry")) {
            respond(exchange, 200, "{\"sagaId\":\"s-1\",\"drained\":" + (stillParked == 0) + ",\"stillParked\":"
                    + stillParked + "}");
        } else if (method.equals("POST") && path.equals("/admin/sagas/s-1/compensate")) {
            respond(exchange, 200, SAGA);
        } else if (method.equals("DELETE") && path.equals("/admin/sagas/s-1/parked")) {
            respond(exchange, 200, "{\"sagaId\":\"s-1\",\"discarded\":1,\"parked\":0}");
        } else if (path.startsWith("/admin/sagas/")) {
            problem(exchange, 404, "no saga " + path.split("/")[3]);
        } else if (method.equals("POST") && path.equals("/admin/projections/assets-dynamodb/rebuild")) {
            if (exchange.getRequestURI().getQuery().startsWith("dryRun=true")) {
                respond(exchange, 200, """
                        {"name":"assets-dynamodb","store":"dynamodb","eventsTotal":100000,
                         "steps":["reset the tokens of assets-dynamodb","replay 100000 events"]}""");
            } else if (rebuilding) {
                problem(exchange, 409, "a rebuild or verify of 'assets-dynamodb' is already running");
            } else {
                rebuilding = true;
                respond(exchange, 202, rebuildingProjection(running(0, null, null)));
            }
        } else {
            problem(exchange, 404, "no projection " + path);
        }
    }

    /** The first poll is half-way, the second the outcome ({@code never}: always the first state). */
    private String polled() {
        int poll = statusPolls.incrementAndGet();
        if (rebuildOutcome.equals("never")) {
            return rebuildingProjection(running(5000, 1234.5, 77L));
        }
        if (poll == 1) {
            return rebuildingProjection(running(51234, 8512.0, 6L));
        }
        if (rebuildOutcome.equals("failed")) {
            return rebuildingProjection("""
                    {"state":"failed","eventsDone":51234,"eventsTotal":100000,"eventsPerSecond":0,"etaSeconds":null,
                     "startedAt":"2026-11-23T22:00:00Z","finishedAt":"2026-11-23T22:00:07Z","caughtUpAt":null,
                     "error":"DynamoDB throttled\\nthe writes"}""");
        }
        return rebuildingProjection("""
                {"state":"done","eventsDone":100000,"eventsTotal":100000,"eventsPerSecond":8130.1,"etaSeconds":0,
                 "startedAt":"2026-11-23T22:00:00Z","finishedAt":"2026-11-23T22:00:12.300Z",
                 "caughtUpAt":"2026-11-23T22:00:12.300Z","error":null}""");
    }

    private static String running(long done, Double perSecond, Long eta) {
        return "{\"state\":\"running\",\"eventsDone\":" + done + ",\"eventsTotal\":100000,\"eventsPerSecond\":"
                + perSecond + ",\"etaSeconds\":" + eta + ",\"startedAt\":\"2026-11-23T22:00:00Z\","
                + "\"finishedAt\":null,\"caughtUpAt\":null,\"error\":null}";
    }

    private static String rebuildingProjection(String rebuild) {
        return """
                {"name":"assets-dynamodb","store":"dynamodb","version":1,"processingGroup":"assets-dynamodb",
                 "state":"rebuilding","lag":null,
                 "segments":[{"segment":0,"position":123,"caughtUp":false,"replaying":true,"error":null}],
                 "rebuild":%s}""".formatted(rebuild);
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        send(exchange, status, "{\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, json);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---- running the CLI ----------------------------------------------------------------------------------------

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        return runAgainst(api, Map.of(), args);
    }

    private Run runAgainst(String url, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", url, "--key-id", KEY_ID, "--key-secret", KEY_SECRET,
                "--work-dir", workDir.toString()));
        if (all.get(0).equals("--help") || args.length == 0 || !List.of("list", "status", "rebuild", "verify", "abort", "dlq", "sagas")
                .contains(args[0])) {
            return execute(env, args);
        }
        return execute(env, all.toArray(String[]::new));
    }

    private static Run execute(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ProjectionsCli.commandLine(env, false, false);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }
}
