package io.chariot.cli.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side every CLI shares: one {@link HttpClient}, the bearer token ({@code GET /token} with the API key,
 * fetched once and again after a 401), and the translation of transport failures and problem answers into one
 * line. What a status means for an API stays with that API's client.
 */
public final class PlatformHttp {

    /** The time limit of an ordinary call; long calls set none and watch the platform instead. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final String keyId;
    private final String keySecret;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String token;

    public PlatformHttp(Connection connection) {
        String base = connection.api();
        this.api = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.keyId = connection.keyId();
        this.keySecret = connection.keySecret();
    }

    public String api() {
        return api;
    }

    public String keyId() {
        return keyId;
    }

    public HttpClient client() {
        return http;
    }

    /** Sends {@code request}; a transport failure becomes "cannot reach …" (exit 4). */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
    }

    /** The bearer token for {@code Authorization}, fetched with the API key on first use. */
    public String bearer() {
        if (token != null) {
            return token;
        }
        if (blank(keyId) || blank(keySecret)) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (no API key: pass --key-id and "
                    + "--key-secret, set CHARIOT_API_KEY_ID and CHARIOT_API_KEY_SECRET, or run ./chariot up once "
                    + "to create the development key)");
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/token")).timeout(CALL_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", keySecret).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 401) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (" + detail(status,
                    response.body()) + ")");
        }
        if (status != 200) {
            throw new CliFailure(status == 404 ? CliFailure.FAILED : CliFailure.AUTHENTICATION,
                    "authentication failed (GET /token: HTTP " + status + ", " + detail(status, response.body()) + ")");
        }
        JsonNode tokenNode = tree(response.body()).path("token");
        if (!tokenNode.isTextual() || tokenNode.asText().isBlank()) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "authentication failed (GET /token returned no token)");
        }
        token = tokenNode.asText();
        return token;
    }

    /** Forgets the token after a 401 (it may have expired during a long call): the next call fetches a fresh one. */
    public void forgetToken() {
        token = null;
    }

    public URI uri(String pathAndQuery) {
        try {
            return URI.create(api + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, "bad --api URL '" + api + "'");
        }
    }

    public CliFailure unreachable(IOException e) {
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

    public CliFailure unreachable(String why) {
        return new CliFailure(CliFailure.UNREACHABLE, "cannot reach " + api + ": " + CommandLines.oneLine(why)
                + " — is ./chariot up running?");
    }

    public static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** The problem+json {@code detail} (or {@code title}), else a short piece of the body, else the status. */
    public static String detail(int status, String body) {
        JsonNode problem = tree(body);
        for (String field : new String[] {"detail", "title", "message", "error"}) {
            JsonNode node = problem.path(field);
            if (node.isTextual() && !node.asText().isBlank()) {
                return CommandLines.oneLine(node.asText());
            }
        }
        String text = body == null ? "" : CommandLines.oneLine(body);
        if (!text.isBlank() && !text.startsWith("{")) {
            return text.length() > 120 ? text.substring(0, 120) + "..." : text;
        }
        return "HTTP " + status;
    }

    /** {@code body} as JSON; an empty object when it is empty or not JSON. */
    public static JsonNode tree(String body) {
        try {
            JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
