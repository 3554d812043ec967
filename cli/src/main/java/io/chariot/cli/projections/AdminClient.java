package io.chariot.cli.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.cli.connection.CliFailure;
import io.chariot.cli.connection.CommandLines;
import io.chariot.cli.connection.PlatformHttp;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static io.chariot.cli.projections.AdminModel.DryRun;
import static io.chariot.cli.projections.AdminModel.Verification;
import static io.chariot.cli.projections.AdminModel.Projection;
import static io.chariot.cli.projections.AdminModel.ProjectionList;

/**
 * The client of the platform's admin API: {@code Authorization: Bearer} (from {@link PlatformHttp}) on
 * {@code /admin/projections…} and {@code /admin/sagas…}. Every failure becomes a {@link CliFailure} with its exit
 * code.
 * <p>
 * A platform that is not there is detected fast (connect timeout, 30 s per ordinary call). Long operations (verify
 * replays the whole event store; abort waits for the rebuild to stop) get no overall time limit instead: while one
 * runs, the client checks every {@code heartbeat} that the platform still answers ({@code /actuator/health/liveness},
 * any HTTP answer counts) and gives up only after {@code missedHeartbeats} checks in a row got none.
 */
final class AdminClient {

    static final int DEFAULT_MISSED_HEARTBEATS = 3;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final PlatformHttp platform;
    private final String api;
    private final Duration heartbeat;
    private final int missedHeartbeats;

    AdminClient(PlatformHttp platform, Duration heartbeat, int missedHeartbeats) {
        this.platform = platform;
        this.api = platform.api();
        this.heartbeat = heartbeat;
        this.missedHeartbeats = missedHeartbeats;
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
        return PlatformHttp.tree(admin(method, pathAndQuery, sagaId));
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
        HttpResponse<String> response = waiting == null ? send(method, path) : sendLong(method, path, waiting);
        if (response.statusCode() == 401) {
            // The token may have expired during a long watch: fetch a fresh one once.
            platform.forgetToken();
            response = waiting == null ? send(method, path) : sendLong(method, path, waiting);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String detail = PlatformHttp.detail(status, response.body());
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

    private CliFailure notOperator(String detail) {
        return new CliFailure(CliFailure.AUTHENTICATION, "the tenant of API key '" + platform.keyId()
                + "' is not a platform operator (" + detail + ")");
    }

    private HttpResponse<String> send(String method, String path) {
        return platform.send(request(method, path, PlatformHttp.CALL_TIMEOUT),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A call without a time limit, for as long as the platform keeps answering heartbeats. */
    private HttpResponse<String> sendLong(String method, String path, Consumer<Duration> waiting) {
        HttpRequest request = request(method, path, null);
        CompletableFuture<HttpResponse<String>> call = platform.client().sendAsync(request,
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
                        throw platform.unreachable("no answer for "
                                + PlatformHttp.seconds(heartbeat.multipliedBy(missedHeartbeats))
                                + " while waiting for " + method + " " + path);
                    }
                    waiting.accept(waited);
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? platform.unreachable(io)
                    : new CliFailure(CliFailure.FAILED, method + " " + path + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
    }

    /** Whether the platform answers at all (any HTTP status) within one heartbeat. */
    private boolean answers() throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(platform.uri("/actuator/health/liveness")).timeout(heartbeat)
                .GET().build();
        try {
            platform.client().send(probe, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpRequest request(String method, String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.uri(path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + platform.bearer());
        if (timeout != null) {
            request.timeout(timeout);
        }
        return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "unexpected answer from " + api + " (not the admin API's JSON: "
                    + CommandLines.oneLine(e.getOriginalMessage()) + ")");
        }
    }
}
