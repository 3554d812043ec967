package io.chariot.query.explorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The explorer API's client: {@code GET /token} with the API key, then {@code Authorization: Bearer} on
 * {@code /events…}. Every failure becomes a {@link CliFailure} with its exit code and the platform's own words
 * (the problem's {@code detail}).
 */
final class EventsClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String api;
    private final String keyId;
    private final String keySecret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private String token;

    EventsClient(String api, String keyId, String keySecret) {
        this.api = api;
        this.keyId = keyId;
        this.keySecret = keySecret;
    }

    JsonNode get(String path, Map<String, String> query) {
        HttpResponse<InputStream> response = send(path, query, true);
        try (InputStream body = response.body()) {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "unexpected answer from " + api + path + " (not JSON)");
        }
    }

    /** The answer's body, to be read as it arrives (an export is never held whole); the caller closes it. */
    InputStream open(String path, Map<String, String> query) {
        return send(path, query, false).body();
    }

    private HttpResponse<InputStream> send(String path, Map<String, String> query, boolean timed) {
        HttpResponse<InputStream> response = call(request(path, query, timed));
        if (response.statusCode() == 401) {
            token = null; // expired while following: one fresh token
            response = call(request(path, query, timed));
        }
        int status = response.statusCode();
        if (status == 200) {
            return response;
        }
        String detail = detail(response);
        throw switch (status) {
            case 401 -> new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (" + detail + ")");
            case 400 -> new CliFailure(CliFailure.BAD_ARGUMENTS, detail);
            case 403, 404 -> new CliFailure(CliFailure.FAILED, detail);
            default -> new CliFailure(CliFailure.FAILED, "GET " + path + " failed: HTTP " + status + " (" + detail
                    + ")");
        };
    }

    private HttpRequest request(String path, Map<String, String> query, boolean timed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path + queryString(query)))
                .header("Accept", "application/json, application/x-ndjson, text/csv, application/problem+json")
                .header("Authorization", "Bearer " + bearer());
        if (timed) {
            request.timeout(CALL_TIMEOUT);
        }
        return request.GET().build();
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
        HttpResponse<InputStream> response = call(HttpRequest.newBuilder(uri("/token")).timeout(CALL_TIMEOUT)
                .header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", keySecret).GET().build());
        if (response.statusCode() != 200) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (" + detail(response) + ")");
        }
        try (InputStream body = response.body()) {
            JsonNode node = JSON.readTree(body).path("token");
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (GET /token gave no token)");
            }
            token = node.asText();
            return token;
        } catch (IOException e) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (GET /token gave no token)");
        }
    }

    private HttpResponse<InputStream> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
    }

    private URI uri(String pathAndQuery) {
        try {
            return URI.create(api + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, "bad --api URL '" + api + "'");
        }
    }

    private static String queryString(Map<String, String> query) {
        String q = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    CliFailure unreachable(IOException e) {
        String why = e instanceof ConnectException ? "connection refused"
                : e instanceof HttpTimeoutException ? "no answer in time"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliFailure(CliFailure.UNREACHABLE, "cannot reach " + api + ": " + oneLine(why)
                + " — is ./chariot up running?");
    }

    /** The problem's {@code detail} (or {@code title}), else the status. */
    private static String detail(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(64 * 1024);
            JsonNode problem = JSON.readTree(bytes);
            for (String field : new String[] {"detail", "title"}) {
                if (problem != null && problem.path(field).isTextual() && !problem.path(field).asText().isBlank()) {
                    return oneLine(problem.path(field).asText());
                }
            }
        } catch (IOException notJson) {
            // fall through to the status
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
