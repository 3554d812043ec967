package io.chariot.migration.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.migration.source.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's query API as a client sees it: {@code GET /token} with an API key, then {@code GET /my} (key
 * prefix, paged by the opaque offset) and {@code POST /my} (graph queries, paged by page number), each as a tenant
 * named in the {@code account} header.
 */
public final class QueryApi {

    /** An answer other than 2xx. */
    public static final class ApiException extends RuntimeException {
        public final int status;

        ApiException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final String api;
    private final String keyId;
    private final String keySecret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    public QueryApi(String api, String keyId, String keySecret) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.keyId = keyId;
        this.keySecret = keySecret;
    }

    public void authenticate() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/token")).timeout(Duration.ofSeconds(30))
                .header("X-GUARD-API-KEY-ID", keyId).header("X-GUARD-API-KEY-SECRET", keySecret).GET().build();
        JsonNode body = send(request);
        token = body.path("token").asText(null);
        if (token == null) {
            throw new ApiException(401, "GET /token answered no token");
        }
    }

    /** Every item under a key prefix ({@code GET /my?key=…}), following the offsets. */
    public List<JsonNode> table(String tenant, String keyPrefix) {
        List<JsonNode> items = new ArrayList<>();
        String offset = null;
        do {
            String url = api + "/my?key=" + enc(keyPrefix) + (offset == null ? "" : "&offset=" + enc(offset));
            JsonNode body = send(authorised(url, tenant).GET().build());
            collect(body, items);
            JsonNode next = body.get("offset");
            offset = next == null || next.isNull() ? null : next.isTextual() ? next.asText() : next.toString();
        } while (offset != null);
        return items;
    }

    /** Every node a graph query returns, page by page. */
    public List<JsonNode> graph(String tenant, ObjectNode node) {
        List<JsonNode> items = new ArrayList<>();
        int page = 0;
        while (true) {
            ObjectNode query = Json.MAPPER.createObjectNode();
            query.set("node", node);
            query.put("limit", 4096);
            query.put("page", page);
            JsonNode body = send(authorised(api + "/my", tenant).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(query.toString())).build());
            int before = items.size();
            collect(body, items);
            JsonNode next = body.get("offset");
            if (next == null || next.isNull() || items.size() == before) {
                return items;
            }
            page = Integer.parseInt(next.asText());
        }
    }

    private static void collect(JsonNode body, List<JsonNode> items) {
        if (body.isArray()) {
            body.forEach(items::add);
            return;
        }
        body.fields().forEachRemaining(e -> {
            if (e.getValue() instanceof ArrayNode a) {
                a.forEach(items::add);
            }
        });
    }

    private HttpRequest.Builder authorised(String url, String tenant) {
        if (token == null) {
            authenticate();
        }
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("account", tenant);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApiException(0, "platform unreachable at " + api + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new ApiException(response.statusCode(), request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + (body.length() > 200 ? body.substring(0, 200) : body));
        }
        try {
            String body = response.body();
            return body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), "answer is not JSON");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
