package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Talks to the platform the way praetorian-cli does: {@code GET /token}, then bearer requests with JSON bodies. */
public final class ChariotClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public final String api;
    public final String tenant;
    private final String keyId;
    private final String secret;
    private String token;
    private String account;

    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        /** The id the platform gave the request ({@code X-Request-Id}): the correlation id of what it caused. */
        public String requestId() {
            return headers.firstValue("X-Request-Id").orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    ChariotClient(String api, String tenant, String keyId, String secret) {
        this.api = api;
        this.tenant = tenant;
        this.keyId = keyId;
        this.secret = secret;
    }

    /** The API key options of a command-line client acting as this one. */
    String[] keyOptions() {
        return new String[] {"--api", api, "--key-id", keyId, "--key-secret", secret};
    }

    /** Acts on another tenant through the {@code account} header from now on. */
    /** The API key secret this client authenticates with. */
    public String keySecret() {
        return secret;
    }

    public ChariotClient as(String accountHeader) {
        ChariotClient other = new ChariotClient(api, tenant, keyId, secret);
        other.token = token;
        other.account = accountHeader;
        return other;
    }

    public Response token() {
        return send(HttpRequest.newBuilder(URI.create(api + "/token"))
                .header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", secret).GET());
    }

    public Response get(String path) {
        return send(authed(path).GET());
    }

    public Response my(String key) {
        return get("/my?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    public Response put(String path, String body) {
        return send(authed(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String path, String body) {
        return send(authed(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST that may take minutes (a verify replays the whole event store). */
    public Response postSlow(String path, String body) {
        return send(authed(path).POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofMinutes(5)));
    }

    public Response delete(String path, String body) {
        return send(authed(path).method("DELETE", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows a URL the platform handed out (a signed file URL) as the CLI does: raw bytes, no auth header. */
    public static BytesResponse follow(String method, String url, byte[] body) {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new BytesResponse(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public record BytesResponse(int status, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response unauthenticated(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder authed(String path) {
        if (token == null) {
            Response r = token();
            if (r.status() != 200) {
                throw new AssertionError("token request failed: " + r);
            }
            token = r.json().get("token").asText();
        }
        var builder = HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        if (account != null) {
            builder.header("account", account);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            if (built.timeout().isEmpty()) {
                built = request.timeout(Duration.ofSeconds(30)).build();
            }
            HttpResponse<String> r = HTTP.send(built,
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
