package io.chariot.services.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP to one base URL (a service, or the edge), as a client would send it. */
record Http(String baseUrl) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(String path, Map<String, String> headers) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> put(String path, String json, Map<String, String> headers) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    HttpResponse<String> post(String path, String json, Map<String, String> headers) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    HttpResponse<String> delete(String path, String json, Map<String, String> headers) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).method("DELETE", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    /** A raw PUT to an absolute URL (a signed upload URL, which names the service's own base). */
    static HttpResponse<String> putBytes(String url, byte[] body, Map<String, String> headers) throws IOException {
        var request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request, headers);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
            throws IOException {
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
