package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An integration's provider on loopback, as onboarding speaks to it ({@code POST {base}/verify},
 * {@code POST {base}/seeds}), able to fail on demand: each integration {@code value} gets the answers a test sets
 * for it ({@link #answer}); a value with none is refused (401). It keeps what it was sent, per value.
 */
final class ProviderServer {

    /** What the provider answers for one integration value. */
    record Answers(int verifyStatus, String seeds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, Answers> answers = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();

    ProviderServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/seedhub/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String value = body.path("value").asText();
            received.computeIfAbsent(value, v -> new CopyOnWriteArrayList<>()).add(body);
            Answers a = answers.get(value);
            boolean seeds = exchange.getRequestURI().getPath().endsWith("/seeds");
            int status = a == null ? 401 : seeds ? 200 : a.verifyStatus();
            byte[] out = (seeds && a != null ? a.seeds() : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
        }
    }

    /** The base URL of the {@code seedhub} provider. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/seedhub";
    }

    /** A provider that is down: nothing listens on its port. */
    static String downUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/deadhub";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void answer(String value, Answers a) {
        answers.put(value, a);
    }

    List<JsonNode> received(String value) {
        return received.getOrDefault(value, List.of());
    }
}
