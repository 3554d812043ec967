package io.chariot.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.cli.connection.CliFailure;
import io.chariot.cli.connection.PlatformHttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The explorer API's client: {@code Authorization: Bearer} (from {@link PlatformHttp}) on {@code /events…}. Every
 * failure becomes a {@link CliFailure} with its exit code and the platform's own words (the problem's
 * {@code detail}).
 */
final class EventsClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlatformHttp platform;

    EventsClient(PlatformHttp platform) {
        this.platform = platform;
    }

    JsonNode get(String path, Map<String, String> query) {
        HttpResponse<InputStream> response = send(path, query, true);
        try (InputStream body = response.body()) {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "unexpected answer from " + platform.api() + path + " (not JSON)");
        }
    }

    /** The answer's body, to be read as it arrives (an export is never held whole); the caller closes it. */
    InputStream open(String path, Map<String, String> query) {
        return send(path, query, false).body();
    }

    CliFailure unreachable(IOException e) {
        return platform.unreachable(e);
    }

    private HttpResponse<InputStream> send(String path, Map<String, String> query, boolean timed) {
        HttpResponse<InputStream> response = platform.send(request(path, query, timed),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 401) {
            platform.forgetToken(); // expired while following: one fresh token
            response = platform.send(request(path, query, timed), HttpResponse.BodyHandlers.ofInputStream());
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
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.uri(path + queryString(query)))
                .header("Accept", "application/json, application/x-ndjson, text/csv, application/problem+json")
                .header("Authorization", "Bearer " + platform.bearer());
        if (timed) {
            request.timeout(PlatformHttp.CALL_TIMEOUT);
        }
        return request.GET().build();
    }

    private static String queryString(Map<String, String> query) {
        String q = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    /** The problem's {@code detail} (or {@code title}), else the status; reads at most 64 KiB of the answer. */
    private static String detail(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return PlatformHttp.detail(response.statusCode(),
                    new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            return "HTTP " + response.statusCode();
        }
    }
}
