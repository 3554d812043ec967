package io.chariot.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The platform's HTTP API as a client sees it, with every outcome recorded rather than thrown: status, time taken,
 * or the client-side failure (refused connection, no answer within {@link #CLIENT_TIMEOUT}).
 */
final class ChariotApi {

    /** Far above the platform's own bounds (read time-out, visibility wait): hitting it means a hung request. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    static final String NOT_YET_VISIBLE = "urn:chariot:problem:stored-not-yet-visible";
    static final String STORE_UNAVAILABLE = "urn:chariot:problem:store-unavailable";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String keyId;
    private final String secret;
    private volatile String token;

    /** One answer: {@code status} 0 when there was none ({@code failure} says why). */
    record Answer(int status, String body, String contentType, String retryAfter, long millis, String failure) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean hung() {
            return failure != null && failure.startsWith("timeout");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        String problemType() {
            return json().path("type").asText("");
        }

        /** Stored: 2xx, or 503 "stored, not yet visible" (read-your-writes could not wait for the read models). */
        boolean acknowledged() {
            return ok() || (status == 503 && (NOT_YET_VISIBLE.equals(problemType())
                    || json().path("stored").asBoolean(false)));
        }

        /** 503 from a store that did not answer, as the API promises it: problem+json with Retry-After. */
        boolean wellFormedUnavailable() {
            return status == 503 && contentType != null && contentType.startsWith("application/problem+json")
                    && retryAfter != null && !retryAfter.isBlank();
        }
    }

    ChariotApi(String url, String keyId, String secret) {
        this.url = url;
        this.keyId = keyId;
        this.secret = secret;
    }

    String url() {
        return url;
    }

    Answer putAsset(String group, String identifier, boolean respondAsync) {
        String body = "{\"group\":\"" + group + "\",\"identifier\":\"" + identifier
                + "\",\"status\":\"A\",\"attackSurface\":[\"external\"],\"type\":\"asset\"}";
        HttpRequest.Builder request = authed("/asset").PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (respondAsync) {
            request.header("Prefer", "respond-async");
        }
        return send(request);
    }

    Answer put(String path, String json) {
        return send(authed(path).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Answer delete(String path, String json) {
        return send(authed(path).method("DELETE", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Answer get(String path) {
        return send(authed(path).GET());
    }

    Answer post(String path, String json) {
        return send(authed(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    /** A call that may take minutes (a verify replays the event store). */
    Answer postSlow(String path) {
        return send(authed(path).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(10)));
    }

    // ---- what each read store holds, through the API ----------------------------------------------------------

    /** GET /my?key=#asset#group# (DynamoDB), every page; null when the store did not answer. */
    Set<String> assetsInTable(String group) {
        Set<String> identifiers = new HashSet<>();
        String offset = null;
        do {
            String path = "/my?key=" + encode("#asset#" + group + "#") + (offset == null ? "" : "&offset=" + encode(offset));
            Answer answer = get(path);
            if (answer.status() != 200) {
                return null;
            }
            JsonNode page = answer.json();
            page.path("assets").forEach(a -> identifiers.add(identifier(group, a)));
            offset = page.hasNonNull("offset") ? page.get("offset").asText() : null;
        } while (offset != null);
        return identifiers;
    }

    /** POST /my for the group's Asset nodes (Neo4j), every page; null when the store did not answer. */
    Set<String> assetsInGraph(String group) {
        Set<String> identifiers = new HashSet<>();
        for (int page = 0; ; page++) {
            Answer answer = post("/my", graphQuery(group, 5000, page));
            if (answer.status() != 200) {
                return null;
            }
            JsonNode body = answer.json();
            body.path("assets").forEach(a -> identifiers.add(identifier(group, a)));
            if (!body.hasNonNull("offset")) {
                return identifiers;
            }
        }
    }

    /** The tenant's asset count by status, summed (Redis); -1 when the store did not answer. */
    long assetCount() {
        Answer answer = get("/my/count?key=" + encode("#asset"));
        if (answer.status() != 200) {
            return -1;
        }
        long total = 0;
        for (JsonNode n : answer.json().path("status")) {
            total += n.asLong();
        }
        return total;
    }

    /** The identifier in an asset's key {@code #asset#group#identifier}. */
    private static String identifier(String group, JsonNode asset) {
        String key = asset.path("key").asText();
        String prefix = "#asset#" + group + "#";
        return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }

    static String graphQuery(String group, int limit, int page) {
        return "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"group\",\"operator\":\"=\",\"value\":\""
                + group + "\"}]},\"limit\":" + limit + ",\"page\":" + page + "}";
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private HttpRequest.Builder authed(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + token());
    }

    private String token() {
        String current = token;
        if (current != null) {
            return current;
        }
        Answer answer = send(HttpRequest.newBuilder(URI.create(url + "/token")).timeout(CLIENT_TIMEOUT)
                .header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", secret).GET());
        if (answer.status() != 200) {
            return "none"; // the platform is down: the request then fails like any other
        }
        token = answer.json().path("token").asText();
        return token;
    }

    private Answer send(HttpRequest.Builder request) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (response.statusCode() == 401) {
                token = null; // a platform restarted with another key would refuse; the next call fetches a new one
            }
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), millis, null);
        } catch (HttpTimeoutException e) {
            return new Answer(0, null, null, null, (System.nanoTime() - t0) / 1_000_000, "timeout: " + e.getMessage());
        } catch (IOException e) {
            return new Answer(0, null, null, null, (System.nanoTime() - t0) / 1_000_000, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, null, null, 0, "interrupted");
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
