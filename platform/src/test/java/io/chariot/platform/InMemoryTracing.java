package io.chariot.platform;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Collects every finished span in memory, for all integration tests (one shared application context): Boot's
 * tracing exports to every {@code SpanExporter} bean, as it would to its OTLP exporter.
 */
@TestConfiguration(proxyBeanMethods = false)
class InMemoryTracing {

    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
