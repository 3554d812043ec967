package io.chariot.runtime.processing;

import io.chariot.consistency.failure.ParkedEvents;
import io.chariot.consistency.failure.ProcessingFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Per streaming processing group, projections and sagas alike: its Kafka consumer lag in records
 * ({@code chariot.processing.lag}), events parked in its dead-letter queue ({@code chariot.processing.parked}) and
 * whether it waits for a failing store ({@code chariot.processing.retrying}). With Axon's
 * {@code eventProcessor_*} meters (applied, failed, latency) they are the states of every saga and projection the
 * dashboards and alert rules show. Registered once Axon has started its processors.
 */
@Component
class ProcessingGroupMetrics {

    private final EventProcessingConfiguration processing;
    private final ProcessingLag lag;
    private final ParkedEvents parked;
    private final ProcessingFailures failures;
    private final MeterRegistry meters;

    ProcessingGroupMetrics(EventProcessingConfiguration processing, ProcessingLag lag, ParkedEvents parked,
                           ProcessingFailures failures, MeterRegistry meters) {
        this.processing = processing;
        this.lag = lag;
        this.parked = parked;
        this.failures = failures;
        this.meters = meters;
    }

    @EventListener(ApplicationStartedEvent.class)
    void register() {
        processing.eventProcessors().forEach((group, processor) -> {
            if (!(processor instanceof StreamingEventProcessor)) {
                return;
            }
            Gauge.builder("chariot.processing.lag", lag, l -> l.of(group).stream().mapToDouble(v -> v)
                            .findFirst().orElse(Double.NaN))
                    .tag("group", group).baseUnit("records")
                    .description("records of the Kafka topic the group has yet to apply (its consumer lag)")
                    .register(meters);
            Gauge.builder("chariot.processing.parked", parked, p -> p.count(group))
                    .tag("group", group).description("events parked in the group's dead-letter queue")
                    .register(meters);
            Gauge.builder("chariot.processing.retrying", failures, f -> f.failing(group).isPresent() ? 1 : 0)
                    .tag("group", group).description("1 while the group waits for a failing store")
                    .register(meters);
        });
    }
}
