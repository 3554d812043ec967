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

import static io.chariot.projections.cli.AdminModel.DryRun;
import static io.chariot.projections.cli.AdminModel.Verification;
import static io.chariot.projections.cli.AdminModel.Projection;
import static io.chariot.projections.cli.AdminModel.ProjectionList;

/**
 * The client of the platform's admin API: {@code GET /token} with the API key, then {@code Authorization: Bearer}
 * on {@code /admin/projections…}. Every failure becomes a {@link CliFailure} with its exit code.
 */
final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String api;
    private final String keyId;
    private final String keySecret;
    private final HttpClient http;
    private String token;

    AdminClient(String api, String keyId, String keySecret) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.keyId = keyId;
        this.keySecret = keySecret;
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

    Projection abort(String name) {
        return read(admin("POST", projectionPath(name) + "/rebuild/abort", name), Projection.class);
    }

    Verification verify(String name, int segments) {
        return read(admin("POST", projectionPath(name) + "/verify?segments=" + segments, name), Verification.class);
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

    private static String sequenceQuery(String sequence) {
        return sequence == null ? "" : "?sequence=" + URLEncoder.encode(sequence, StandardCharsets.UTF_8);
    }

    private static String projectionPath(String name) {
        return "/admin/projections/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String admin(String method, String path, String projection) {
        HttpResponse<String> response = send(method, path, true);
        if (response.statusCode() == 401) {
            // The token may have expired during a long watch: fetch a fresh one once.
            token = null;
            response = send(method, path, true);
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
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, detail.startsWith("nothing is parked") ? detail
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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (authenticated) {
            request.header("Authorization", "Bearer " + bearer());
        } else {
            request.header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", keySecret);
        }
        request.method(method, HttpRequest.BodyPublishers.noBody());
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("connection timed out");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within 30s");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
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
