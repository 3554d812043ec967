package io.chariot.runtime.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.tracing.TracingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Tracing is Spring Boot's: Micrometer Tracing's OpenTelemetry bridge makes a server span per HTTP request
 * (continuing a caller's {@code traceparent}) and exports over OTLP when {@code management.otlp.tracing.endpoint} is
 * set ({@code management.otlp.tracing.transport}: http or grpc). Axon's spans come from the same OpenTelemetry
 * instance (STACK-NOTES trap 12: never {@code GlobalOpenTelemetry}) and carry the W3C context in message metadata,
 * which travels as Kafka headers, so one trace runs HTTP → command → event → Kafka → projection and saga.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    @Bean
    SpanFactory spanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("chariot-axon"))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }

    /**
     * Boot's sampler, except that with no exporter nothing would ever read a recorded span, so none is recorded
     * (BENCHMARKS.md). Trace and span ids are still created and propagated, unsampled, and reach every log line.
     */
    @Bean
    Sampler otelSampler(TracingProperties properties, ObjectProvider<SpanExporter> exporters) {
        if (exporters.orderedStream().findAny().isEmpty()) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(properties.getSampling().getProbability()));
    }

    /** Webhook URLs carry their pin in the path: the full URL never becomes a span attribute. */
    @Bean
    ObservationFilter hookPinRedaction() {
        return context -> {
            if (context instanceof ServerRequestObservationContext request
                    && request.getCarrier().getRequestURI().startsWith("/hook/")) {
                context.addHighCardinalityKeyValue(KeyValue.of("http.url", "/hook/{tenant}/{pin}"));
            }
            return context;
        };
    }
}
