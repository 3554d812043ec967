package io.chariot.cli.events;

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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./chariot events} against a real loopback HTTP server that answers like the explorer API: where it finds
 * the platform and the key, and the one line and exit code of each failure. What it prints for real events is
 * EventsCliIT's, against the running platform.
 */
class EventsCliTest {

    private static final String KEY_ID = "dev-key";
    private static final String KEY_SECRET = "dev-secret";

    private static final String EVENT = """
            {"id":"e-1","type":"RiskStatusChanged","revision":"1","time":"2026-11-23T22:00:00Z","by":"alice@x",
             "tenant":"alice@x","aggregateType":"Risk","key":"#risk#x#cve-1","sequence":1,
             "request":"PUT /risk","command":"UpdateRisk","correlationId":"c-9","payload":{"to":"OH"},
             "metadata":{}}""";

    private HttpServer server;
    private String api;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger expiredAnswers = new AtomicInteger();
    private volatile int eventStatus = 200;
    private volatile String eventProblem;

    @TempDir
    Path workDir;

    @BeforeEach
    void startFakeExplorerApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/events/", this::event);
        server.start();
        api = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopFakeExplorerApi() {
        server.stop(0);
    }

    @Test
    void theUrlAndTheDevelopmentKeyComeFromTheWorkDirectoryOfChariotUp() throws IOException {
        Files.writeString(workDir.resolve("platform.url"), api + "/\n");
        Files.writeString(workDir.resolve("dev-credentials.env"), "CHARIOT_BOOTSTRAP_TENANT=dev@chariot.local\n"
                + "export CHARIOT_BOOTSTRAP_API_KEY_ID=\"" + KEY_ID + "\"\nCHARIOT_BOOTSTRAP_API_KEY_SECRET="
                + KEY_SECRET + "\n");

        Run run = execute(Map.of(), "show", "e-1", "--work-dir", workDir.toString());

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).containsPattern("Who: +alice@x").containsPattern("Request: +PUT /risk");
        assertThat(requests).containsExactly("GET /token", "GET /events/e-1");
    }

    @Test
    void theEnvironmentsKeyComesBeforeTheDevelopmentKey() throws IOException {
        Files.writeString(workDir.resolve("dev-credentials.env"), "CHARIOT_BOOTSTRAP_API_KEY_ID=stale\n"
                + "CHARIOT_BOOTSTRAP_API_KEY_SECRET=stale\n");

        Run run = execute(Map.of("CHARIOT_API", api, "CHARIOT_API_KEY_ID", KEY_ID, "CHARIOT_API_KEY_SECRET",
                KEY_SECRET), "show", "e-1", "--work-dir", workDir.toString());

        assertThat(run.exit).as(run.err).isZero();
    }

    @Test
    void anExpiredTokenIsFetchedAgainOnce() {
        expiredAnswers.set(1);

        Run run = run("show", "e-1");

        assertThat(run.exit).as(run.err).isZero();
        assertThat(requests).containsExactly("GET /token", "GET /events/e-1", "GET /token", "GET /events/e-1");
    }

    @Test
    void aRejectedKeyIsOneLineAndExit3() {
        Run run = execute(Map.of(), "show", "e-1", "--api", api, "--key-id", KEY_ID, "--key-secret", "wrong",
                "--work-dir", workDir.toString());

        assertThat(run.exit).isEqualTo(3);
        assertThat(run.err).isEqualTo("chariot events: authentication failed (invalid or revoked API key)\n");
        assertThat(run.out).isEmpty();
    }

    @Test
    void noKeyAnywhereSaysWhereToPutOneAndExits3() {
        Run run = execute(Map.of(), "show", "e-1", "--api", api, "--work-dir", workDir.toString());

        assertThat(run.exit).isEqualTo(3);
        assertThat(run.err).startsWith("chariot events: authentication failed (no API key: pass --key-id")
                .hasLineCount(1);
        assertThat(requests).isEmpty();
    }

    @Test
    void whatTheExplorerCannotAnswerIsItsProblemDetailAndExit1() {
        eventStatus = 404;
        eventProblem = "no such event";

        Run run = run("show", "e-1");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).isEqualTo("chariot events: no such event\n");
    }

    @Test
    void aRequestTheExplorerRefusesIsExit2() {
        eventStatus = 400;
        eventProblem = "bad event id";

        Run run = run("show", "e-1");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).isEqualTo("chariot events: bad event id\n");
    }

    @Test
    void aServerErrorNamesTheCallAndItsStatusOnOneLine() {
        eventStatus = 500;
        eventProblem = "store down\n  at somewhere";

        Run run = run("show", "e-1");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).isEqualTo("chariot events: GET /events/e-1 failed: HTTP 500 (store down at somewhere)\n");
    }

    @Test
    void anUnreachablePlatformIsOneLineAndExit4() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        Run run = execute(Map.of(), "show", "e-1", "--api", url, "--key-id", KEY_ID, "--key-secret", KEY_SECRET,
                "--work-dir", workDir.toString());

        assertThat(run.exit).isEqualTo(4);
        assertThat(run.err).isEqualTo("chariot events: cannot reach " + url
                + ": connection refused — is ./chariot up running?\n");
    }

    @Test
    void anApiThatIsNotAnHttpUrlIsExit2() {
        Run run = execute(Map.of(), "show", "e-1", "--api", "ftp://example", "--work-dir", workDir.toString());

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).isEqualTo("chariot events: --api must be an http:// or https:// URL, not 'ftp://example'\n");
    }

    @Test
    void noCommandIsExit2WithAPointerToTheHelp() {
        Run run = execute(Map.of());

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).isEqualTo("chariot events: missing command: tail, history, show, state or export "
                + "(see ./chariot events --help)\n");
    }

    // ---- the fake explorer API -------------------------------------------------------------------------------------

    private void token(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        if (!KEY_ID.equals(exchange.getRequestHeaders().getFirst("X-GUARD-API-KEY-ID"))
                || !KEY_SECRET.equals(exchange.getRequestHeaders().getFirst("X-GUARD-API-KEY-SECRET"))) {
            problem(exchange, 401, "invalid or revoked API key");
            return;
        }
        answer(exchange, 200, "application/json", "{\"token\":\"tok-" + requests.size() + "\"}");
    }

    private void event(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer tok-")) {
            problem(exchange, 401, "missing bearer token");
        } else if (expiredAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            problem(exchange, 401, "token expired");
        } else if (eventStatus != 200) {
            problem(exchange, eventStatus, eventProblem);
        } else {
            answer(exchange, 200, "application/json", EVENT);
        }
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        answer(exchange, status, "application/problem+json", "{\"status\":" + status + ",\"detail\":\""
                + detail.replace("\n", "\\n") + "\"}");
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", api, "--key-id", KEY_ID, "--key-secret", KEY_SECRET,
                "--work-dir", workDir.toString()));
        return execute(Map.of(), all.toArray(String[]::new));
    }

    private static Run execute(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = EventsCli.commandLine(env);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
