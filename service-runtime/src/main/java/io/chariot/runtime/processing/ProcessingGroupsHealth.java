package io.chariot.runtime.processing;

import io.chariot.projections.instances.SettledProcessors;

import io.chariot.consistency.failure.ParkedEvents;
import io.chariot.consistency.failure.ProcessingFailures;
import io.chariot.runtime.health.HealthSettings;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The health of every streaming processing group (projections and sagas), under {@code /actuator/health}
 * component {@code processingGroups}: DOWN while it waits for a failing store or is stuck (claims no segment and
 * never will), DEGRADED while it holds parked events (it keeps applying others) or is far behind the Kafka head
 * ({@code chariot.health.processing-lag-limit}), UP otherwise. Not part of readiness: a lagging read model still
 * serves, and writes wait for it (read-your-writes).
 */
@Component("processingGroups")
class ProcessingGroupsHealth implements CompositeHealthContributor {

    /** Events are parked: the group works, but some of its read model lags behind them. */
    static final Status DEGRADED = new Status("DEGRADED", "events are parked in the dead-letter queue");
    /** Far behind the head of the topic: its read model is stale by more than the limit. */
    static final Status BEHIND = new Status("DEGRADED", "far behind the head of the Kafka topic");

    private final EventProcessingConfiguration processing;
    private final ProcessingFailures failures;
    private final ParkedEvents parked;
    private final ProcessingLag lag;
    private final HealthSettings settings;

    ProcessingGroupsHealth(EventProcessingConfiguration processing, ProcessingFailures failures, ParkedEvents parked,
                           ProcessingLag lag, HealthSettings settings) {
        this.processing = processing;
        this.failures = failures;
        this.parked = parked;
        this.lag = lag;
        this.settings = settings;
    }

    @Override
    public HealthContributor getContributor(String group) {
        return groups().containsKey(group) ? indicator(group) : null;
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return groups().keySet().stream()
                .map(group -> NamedContributor.of(group, (HealthContributor) indicator(group))).iterator();
    }

    private Map<String, StreamingEventProcessor> groups() {
        Map<String, StreamingEventProcessor> groups = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                groups.put(name, streaming);
            }
        });
        return groups;
    }

    private HealthIndicator indicator(String group) {
        return () -> {
            long parkedEvents = parked.count(group);
            var failing = failures.failing(group);
            StreamingEventProcessor processor = groups().get(group);
            boolean stuck = processor != null && SettledProcessors.stuck(processor);
            var behind = lag.of(group);
            boolean farBehind = behind.isPresent() && behind.getAsLong() > settings.processingLagLimit();
            Health.Builder health = failing.isPresent() || stuck ? Health.down()
                    : parkedEvents > 0 ? Health.status(DEGRADED) : farBehind ? Health.status(BEHIND) : Health.up();
            health.withDetail("parked", parkedEvents);
            behind.ifPresent(records -> health.withDetail("lag", records));
            failing.ifPresent(f -> health.withDetail("failingSince", f.since().toString())
                    .withDetail("attempts", f.attempts()).withDetail("cause", f.cause()));
            if (processor != null) {
                health.withDetail("running", processor.isRunning()).withDetail("error", processor.isError())
                        .withDetail("stuck", stuck);
            }
            return health.build();
        };
    }
}
