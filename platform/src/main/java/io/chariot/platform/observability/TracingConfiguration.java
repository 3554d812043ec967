package io.chariot.platform.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.util.List;

/**
 * One OpenTelemetry instance for the whole process (STACK-NOTES trap 12: never {@code GlobalOpenTelemetry}). Axon's
 * span factory injects the W3C trace context into message metadata, which travels as Kafka headers, so one trace
 * runs HTTP → command → event → Kafka → projection. Spans are exported over OTLP only when
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} names a collector; tests add their own processor.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(@Value("${OTEL_EXPORTER_OTLP_ENDPOINT:}") String otlpEndpoint,
                                   @Value("${spring.application.name:chariot}") String serviceName,
                                   ObjectProvider<SpanProcessor> extraProcessors) {
        var tracerProvider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        io.opentelemetry.api.common.Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName))));
        boolean exported = !otlpEndpoint.isBlank();
        if (exported) {
            tracerProvider.addSpanProcessor(BatchSpanProcessor.builder(
                    OtlpGrpcSpanExporter.builder().setEndpoint(otlpEndpoint).build()).build());
        }
        List<SpanProcessor> extra = extraProcessors.orderedStream().toList();
        extra.forEach(tracerProvider::addSpanProcessor);
        if (!exported && extra.isEmpty()) {
            // Nothing would ever read a recorded span: do not record them (BENCHMARKS.md). Trace and span ids are
            // still created and propagated (traceparent in metadata and Kafka headers), unsampled.
            tracerProvider.setSampler(Sampler.alwaysOff());
        }
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    @Bean
    SpanFactory spanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("chariot-axon"))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }

    @Bean
    FilterRegistrationBean<HttpTracingFilter> httpTracingFilter(OpenTelemetry openTelemetry) {
        var registration = new FilterRegistrationBean<>(new HttpTracingFilter(openTelemetry));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setUrlPatterns(List.of("/*"));
        return registration;
    }
}
