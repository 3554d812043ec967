package io.chariot.projections.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static io.chariot.projections.cli.AdminModel.DryRun;
import static io.chariot.projections.cli.AdminModel.Verification;
import static io.chariot.projections.cli.AdminModel.Projection;
import static io.chariot.projections.cli.AdminModel.ProjectionList;

/**
 * The client of the platform's admin API: {@code GET /token} with the API key, then {@code Authorization: Bearer}
 * on {@code /admin/projections…}. Every failure becomes a {@link CliFailure} with its exit code.
 * <p>
 * A platform that is not there is detected fast (connect timeout, 30 s per ordinary call). Long operations (verify
 * replays the whole event store; abort waits for the rebuild to stop) get no overall time limit instead: while one
 * runs, the client checks every {@code heartbeat} that the platform still answers ({@code /actuator/health/liveness},
 * any HTTP answer counts) and gives up only after {@code missedHeartbeats} checks in a row got none.
 */
final class AdminClient {

    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
    static final int DEFAULT_MISSED_HEARTBEATS = 3;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String api;
    private final String keyId;
    private final String keySecret;
    private final HttpClient http;
    private final Duration heartbeat;
    private final int missedHeartbeats;
    private String token;

    AdminClient(String api, String keyId, String keySecret) {
        this(api, keyId, keySecret, DEFAULT_HEARTBEAT, DEFAULT_MISSED_HEARTBEATS);
    }

    AdminClient(String api, String keyId, String keySecret, Duration heartbeat, int missedHeartbeats) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.keyId = keyId;
        this.keySecret = keySecret;
        this.heartbeat = heartbeat;
        this.missedHeartbeats = missedHeartbeats;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    ProjectionList list() {
        return read(admin("GET", "/admin/projections", null), ProjectionList.class);
    }

    Projection get(String name) {
        return read(admin("GET", projectionPath(name), name), Projection.class);
    }

    Projection rebuild(String name, String query) {
        return read(admin("POST", projectionPath(name) + "/rebuild?" + query, name), Projection.class);
    }

    DryRun dryRun(String name, String query) {
        return read(admin("POST", projectionPath(name) + "/rebuild?dryRun=true&" + query, name), DryRun.class);
    }

    Projection abort(String name, Consumer<Duration> waiting) {
        return read(admin("POST", projectionPath(name) + "/rebuild/abort", name, waiting), Projection.class);
    }

    /** @param waiting called every heartbeat while the platform works, with the time waited so far */
    Verification verify(String name, int segments, Consumer<Duration> waiting) {
        return read(admin("POST", projectionPath(name) + "/verify?segments=" + segments, name, waiting),
                Verification.class);
    }

    AdminModel.ParkedList parked(String name, int limit) {
        return read(admin("GET", projectionPath(name) + "/parked?limit=" + limit, name), AdminModel.ParkedList.class);
    }

    AdminModel.RetryOutcome retryParked(String name, String sequence) {
        return read(admin("POST", projectionPath(name) + "/parked/retry" + sequenceQuery(sequence), name),
                AdminModel.RetryOutcome.class);
    }

    AdminModel.Discarded discardParked(String name, String sequence) {
        return read(admin("DELETE", projectionPath(name) + "/parked" + sequenceQuery(sequence), name),
                AdminModel.Discarded.class);
    }

    /** A call on {@code /admin/sagas…}; {@code sagaId} names the instance a 404 is about (null for none). */
    JsonNode sagas(String method, String pathAndQuery, String sagaId) {
        return tree(admin(method, pathAndQuery, sagaId));
    }

    static String sagaPath(String sagaId) {
        return "/admin/sagas/" + URLEncoder.encode(sagaId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String sequenceQuery(String sequence) {
        return sequence == null ? "" : "?sequence=" + URLEncoder.encode(sequence, StandardCharsets.UTF_8);
    }

    private static String projectionPath(String name) {
        return "/admin/projections/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String admin(String method, String path, String projection) {
        return admin(method, path, projection, null);
    }

    /** {@code waiting} null: an ordinary call with a time limit; else a long one, watched by heartbeats. */
    private String admin(String method, String path, String projection, Consumer<Duration> waiting) {
        HttpResponse<String> response = waiting == null ? send(method, path, true) : sendLong(method, path, waiting);
        if (response.statusCode() == 401) {
            // The token may have expired during a long watch: fetch a fresh one once.
            token = null;
            response = waiting == null ? send(method, path, true) : sendLong(method, path, waiting);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String detail = detail(response);
        if (status == 401) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (" + detail + ")");
        }
        if (status == 403) {
            throw notOperator(detail);
        }
        if (status == 404 && projection != null) {
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, detail.startsWith("nothing is parked")
                    || detail.startsWith("no saga") ? detail
                    : "unknown projection '" + projection + "'");
        }
        if (status == 404) {
            throw new CliFailure(CliFailure.FAILED, "the platform at " + api + " has no admin API (" + method + " "
                    + path + ": HTTP 404); is it an older version?");
        }
        if (status == 409) {
            throw new CliFailure(CliFailure.FAILED, detail);
        }
        if (status == 400) {
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, "the platform refused the request (" + detail + ")");
        }
        throw new CliFailure(CliFailure.FAILED, method + " " + path + " failed: HTTP " + status + " (" + detail + ")");
    }

    private String bearer() {
        if (token != null) {
            return token;
        }
        if (blank(keyId) || blank(keySecret)) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (no API key: pass --key-id and "
                    + "--key-secret, set CHARIOT_API_KEY_ID and CHARIOT_API_KEY_SECRET, or run ./chariot up once "
                    + "to create the development key)");
        }
        HttpResponse<String> response = send("GET", "/token", false);
        int status = response.statusCode();
        if (status == 401) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (" + detail(response) + ")");
        }
        if (status == 403) {
            throw notOperator(detail(response));
        }
        if (status != 200) {
            throw new CliFailure(status == 404 ? CliFailure.FAILED : CliFailure.AUTHENTICATION,
                    "authentication failed (GET /token: HTTP " + status + ", " + detail(response) + ")");
        }
        JsonNode tokenNode = tree(response.body()).path("token");
        if (!tokenNode.isTextual() || tokenNode.asText().isBlank()) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (GET /token returned no token)");
        }
        token = tokenNode.asText();
        return token;
    }

    private CliFailure notOperator(String detail) {
        return new CliFailure(CliFailure.AUTHENTICATION, "the tenant of API key '" + keyId
                + "' is not a platform operator (" + detail + ")");
    }

    private HttpResponse<String> send(String method, String path, boolean authenticated) {
        try {
            return http.send(request(method, path, authenticated, CALL_TIMEOUT),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
    }

    /** A call without a time limit, for as long as the platform keeps answering heartbeats. */
    private HttpResponse<String> sendLong(String method, String path, Consumer<Duration> waiting) {
        HttpRequest request = request(method, path, true, null);
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        int missed = 0;
        try {
            while (true) {
                try {
                    return call.get(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWorking) {
                    Duration waited = Duration.ofNanos(System.nanoTime() - started);
                    missed = answers() ? 0 : missed + 1;
                    if (missed >= missedHeartbeats) {
                        call.cancel(true);
                        throw unreachable("no answer for " + seconds(heartbeat.multipliedBy(missedHeartbeats))
                                + " while waiting for " + method + " " + path);
                    }
                    waiting.accept(waited);
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? unreachable(io)
                    : new CliFailure(CliFailure.FAILED, method + " " + path + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
    }

    /** Whether the platform answers at all (any HTTP status) within one heartbeat. */
    private boolean answers() throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(uri("/actuator/health/liveness")).timeout(heartbeat).GET().build();
        try {
            http.send(probe, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpRequest request(String method, String path, boolean authenticated, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json, application/problem+json");
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (authenticated) {
            request.header("Authorization", "Bearer " + bearer());
        } else {
            request.header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", keySecret);
        }
        return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private CliFailure unreachable(IOException e) {
        if (e instanceof ConnectException) {
            return unreachable("connection refused");
        }
        if (e instanceof HttpConnectTimeoutException) {
            return unreachable("connection timed out");
        }
        if (e instanceof HttpTimeoutException) {
            return unreachable("no answer within " + seconds(CALL_TIMEOUT));
        }
        return unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private URI uri(String path) {
        try {
            return URI.create(api + path);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, "bad --api URL '" + api + "'");
        }
    }

    private CliFailure unreachable(String why) {
        return new CliFailure(CliFailure.UNREACHABLE, "cannot reach " + api + ": " + why
                + " — is ./chariot up running?");
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "unexpected answer from " + api + " (not the admin API's JSON: "
                    + oneLine(e.getOriginalMessage()) + ")");
        }
    }

    private JsonNode tree(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The problem+json {@code detail} (or {@code title}), else a short piece of the body, else the status. */
    private String detail(HttpResponse<String> response) {
        JsonNode problem = tree(response.body());
        for (String field : new String[] {"detail", "title", "message", "error"}) {
            JsonNode node = problem.path(field);
            if (node.isTextual() && !node.asText().isBlank()) {
                return oneLine(node.asText());
            }
        }
        String body = response.body() == null ? "" : oneLine(response.body());
        if (!body.isBlank() && !body.startsWith("{")) {
            return body.length() > 120 ? body.substring(0, 120) + "..." : body;
        }
        return "HTTP " + response.statusCode();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
