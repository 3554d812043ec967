package io.chariot.platform;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC trace receiver on loopback, standing in for an OpenTelemetry collector or Jaeger on port 4317: a
 * grpc-java server implementing {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}, which keeps
 * every span it is sent.
 */
final class OtlpGrpcCollector implements AutoCloseable {

    /** A received span: the {@code service.name} of its resource, its ids (hex) and its name. */
    record ReceivedSpan(String service, String traceId, String spanId, String name) {
    }

    private final List<ReceivedSpan> spans = new ArrayList<>();
    private final Server server;

    OtlpGrpcCollector() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                        @Override
                        public void export(ExportTraceServiceRequest request,
                                           StreamObserver<ExportTraceServiceResponse> response) {
                            keep(request);
                            response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                            response.onCompleted();
                        }
                    })
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code management.otlp.tracing.endpoint} names with {@code transport: grpc}: plain HTTP/2, no path. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    List<ReceivedSpan> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    private void keep(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        synchronized (spans) {
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(KeyValue::getValue)
                        .map(v -> v.getStringValue()).findFirst().orElse(null);
                resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span ->
                        spans.add(new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()),
                                hex.formatHex(span.getSpanId().toByteArray()), span.getName()))));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
