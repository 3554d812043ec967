package io.chariot.load;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The benchmark's HTTP client: blocking calls from many worker threads over keep-alive HTTP/1.1 connections.
 * Two implementations so the driver's own CPU cost can be compared ({@code --http-client}).
 */
interface HttpDriver extends AutoCloseable {

    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** {@code method path} with an optional JSON body and extra headers. */
    Response send(String method, String path, String jsonBody, Map<String, String> headers) throws IOException;

    @Override
    void close();

    static HttpDriver create(String kind, String baseUrl, int connections, Duration timeout) {
        return switch (kind) {
            case "jdk" -> new Jdk(baseUrl, timeout);
            case "apache" -> new Apache(baseUrl, connections, timeout);
            default -> throw new IllegalArgumentException("unknown HTTP client '" + kind + "' (jdk or apache)");
        };
    }

    /** {@link java.net.http.HttpClient}, HTTP/1.1. */
    final class Jdk implements HttpDriver {
        private final HttpClient client;
        private final String base;
        private final Duration timeout;

        Jdk(String baseUrl, Duration timeout) {
            this.base = baseUrl;
            this.timeout = timeout;
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        @Override
        public Response send(String method, String path, String jsonBody, Map<String, String> headers)
                throws IOException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
            headers.forEach(b::header);
            if (jsonBody != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(r.statusCode(), r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void close() {
            // java.net.http.HttpClient has no close() on Java 17; its threads are daemons.
        }
    }

    /** Apache HttpClient 5 classic with a pool of {@code connections} keep-alive connections. */
    final class Apache implements HttpDriver {
        private final CloseableHttpClient client;
        private final String base;

        Apache(String baseUrl, int connections, Duration timeout) {
            this.base = baseUrl;
            var cm = PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(connections + 4).setMaxConnPerRoute(connections + 4)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.ofMilliseconds(timeout.toMillis()))
                            // Tomcat drops idle keep-alive connections; check one before reuse after a pause.
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                    .build();
            this.client = HttpClients.custom().setConnectionManager(cm)
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.ofMilliseconds(timeout.toMillis())).build())
                    .disableAutomaticRetries().disableCookieManagement().disableRedirectHandling()
                    .disableContentCompression().build();
        }

        @Override
        public Response send(String method, String path, String jsonBody, Map<String, String> headers)
                throws IOException {
            HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(base + path));
            headers.forEach(request::setHeader);
            if (jsonBody != null) {
                request.setEntity(new StringEntity(jsonBody, ContentType.APPLICATION_JSON));
            }
            return client.execute(request, response -> new Response(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
        }

        @Override
        public void close() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
