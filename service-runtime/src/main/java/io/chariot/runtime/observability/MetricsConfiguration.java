package io.chariot.runtime.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon's metrics with bounded capacity windows (Axon's auto-configuration backs off for this registry). */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    GlobalMetricRegistry chariotMetricRegistry(MeterRegistry meterRegistry) {
        return new BoundedCapacityMetricRegistry(meterRegistry);
    }
}
