package io.chariot.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's side of the platform's HTTP API, as praetorian-cli talks to it: {@code GET /token} with the API key
 * headers, then bearer requests ({@code POST /job/claim}, {@code POST /job/result}). A token is fetched again once
 * when a request answers 401. The key's secret is sent only to {@code /token} and never printed.
 */
public final class ChariotApi {

    /** A failure the CLI reports as one line with an exit code. */
    public static final class Failure extends RuntimeException {
        final int exitCode;
        final int httpStatus;

        Failure(int exitCode, String message) {
            this(exitCode, 0, message);
        }

        Failure(int exitCode, int httpStatus, String message) {
            super(message);
            this.exitCode = exitCode;
            this.httpStatus = httpStatus;
        }

        public int exitCode() {
            return exitCode;
        }

        /** The HTTP status that failed the request; 0 when there was no answer. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final URI api;
    private final String keyId;
    private final String keySecret;
    private final HttpClient http;
    private String token;

    public ChariotApi(URI api, String keyId, String keySecret) {
        this.api = api;
        this.keyId = keyId;
        this.keySecret = keySecret;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI api() {
        return api;
    }

    /** Claims the oldest queued job of the given capabilities; empty when there is none to have now. */
    public Optional<ClaimedJob> claim(Collection<String> capabilities, String worker) {
        ObjectNode body = Items.JSON.createObjectNode().put("worker", worker);
        ArrayNode caps = body.putArray("capabilities");
        capabilities.forEach(caps::add);
        HttpResponse<String> r = post("/job/claim", body);
        // nothing queued, another worker won the race, or the tenant runs as many jobs as its cap allows
        if (r.statusCode() == 204 || r.statusCode() == 409 || r.statusCode() == 429) {
            return Optional.empty();
        }
        JsonNode job = json(ok(r, "claim"));
        Map<String, String> config = new LinkedHashMap<>();
        job.path("config").fields().forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
        String capability = job.path("capabilities").path(0).asText(null);
        if (capability == null) {
            String source = job.path("source").asText("");
            capability = source.contains("#") ? source.substring(0, source.indexOf('#')) : source;
        }
        return Optional.of(new ClaimedJob(job.path("key").asText(), capability, job.path("target").path("key").asText(),
                config));
    }

    /** Reports the end of a run; answers the job's status as the platform recorded it. */
    public String finish(String key, boolean passed, String reason, List<ObjectNode> items) {
        ObjectNode body = Items.JSON.createObjectNode().put("key", key).put("status", passed ? "JP" : "JF");
        if (reason != null) {
            body.put("reason", reason);
        }
        ArrayNode array = body.putArray("items");
        items.forEach(array::add);
        return json(ok(post("/job/result", body), "result")).path("status").asText();
    }

    private HttpResponse<String> post(String path, JsonNode body) {
        if (token == null) {
            token = fetchToken();
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (r.statusCode() == 401) { // expired token: fetch a new one once
            token = fetchToken();
            r = send(HttpRequest.newBuilder(api.resolve(path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }
        return r;
    }

    private String fetchToken() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(api.resolve("/token"))
                .header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", keySecret).GET());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new Failure(3, "the platform refused API key " + keyId + " (HTTP " + r.statusCode() + ")");
        }
        String t = json(ok(r, "token")).path("token").asText(null);
        if (t == null) {
            throw new Failure(1, "GET /token answered without a token");
        }
        return t;
    }

    private static HttpResponse<String> ok(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2) {
            String detail = r.body();
            try {
                detail = Items.JSON.readTree(r.body()).path("detail").asText(r.body());
            } catch (IOException ignored) {
                // not problem+json: keep the body
            }
            throw new Failure(r.statusCode() == 401 || r.statusCode() == 403 ? 3 : 1, r.statusCode(),
                    what + " failed: HTTP " + r.statusCode() + (detail.isBlank() ? "" : ": " + detail));
        }
        return r;
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Items.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Failure(1, "the platform answered something that is not JSON: " + r.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure(4, "cannot reach the platform at " + api + " (is ./chariot up running?)");
        } catch (IOException e) {
            throw new Failure(4, "talking to " + api + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(1, "interrupted");
        }
    }
}
