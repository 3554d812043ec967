package io.chariot.runtime.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

import java.util.Map;
import java.util.Optional;

/**
 * Puts ECS's {@code trace.id} and {@code span.id} on every structured log line written while a span is current, on
 * any thread: the HTTP server span, and the Axon spans of command handlers, event processors and sagas, which
 * Micrometer's MDC listener never sees (its MDC copies, {@code traceId} and {@code spanId}, are excluded in
 * application.yml as duplicates); and passes every value through {@link LogRedaction}. Named by
 * {@code logging.structured.json.customizer}.
 */
public class LogCorrelation implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {

    @Override
    public void customize(JsonWriter.Members<ILoggingEvent> members) {
        // Nested like the rest of Boot's ECS document: {"trace":{"id":…},"span":{"id":…}}.
        members.add("trace", event -> current().map(c -> Map.of("id", c.getTraceId())).orElse(null)).whenNotNull();
        members.add("span", event -> current().map(c -> Map.of("id", c.getSpanId())).orElse(null)).whenNotNull();
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, LogRedaction::redact));
    }

    private static Optional<SpanContext> current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }
}
