package io.chariot.platform;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * An OTLP/HTTP trace receiver on loopback, standing in for an OpenTelemetry collector or Jaeger: it accepts
 * {@code POST /v1/traces} (protobuf) as they do and keeps the latest requests' bodies.
 */
final class OtlpCollector {

    private static final int KEPT = 500;
    private final HttpServer server;
    private final Deque<Received> received = new ArrayDeque<>();

    record Received(String contentType, byte[] body) {
    }

    OtlpCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.addLast(new Received(exchange.getRequestHeaders().getFirst("Content-Type"), body));
                while (received.size() > KEPT) {
                    received.removeFirst();
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** Whether an export request carried a span of this trace (OTLP's protobuf holds the id as 16 raw bytes). */
    boolean receivedTrace(String traceIdHex) {
        byte[] id = HexFormat.of().parseHex(traceIdHex);
        synchronized (received) {
            return received.stream().anyMatch(r -> "application/x-protobuf".equals(r.contentType())
                    && indexOf(r.body(), id) >= 0);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
