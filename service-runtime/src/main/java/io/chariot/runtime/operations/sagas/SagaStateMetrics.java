package io.chariot.runtime.operations.sagas;

import io.chariot.sagas.runtime.SagaJournal;
import io.chariot.sagas.runtime.SagaState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Saga instances by state ({@code chariot_sagas{state}}: running, compensating, flagged, completed, compensated),
 * counted in the saga journal ({@link SagaJournal#counts()}, as the saga operations page counts them). FLAGGED
 * instances wait for an operator (an alert rule watches them). The count is read at most every
 * {@value #FRESH_SECONDS} seconds, however often Prometheus scrapes.
 */
@SagasHere
@Component
class SagaStateMetrics implements MeterBinder {

    private static final long FRESH_SECONDS = 10;
    private final SagaJournal journal;
    private Map<SagaState, Long> counts = Map.of();
    private long readAt = Long.MIN_VALUE;

    SagaStateMetrics(SagaJournal journal) {
        this.journal = journal;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SagaState state : SagaState.values()) {
            Gauge.builder("chariot.sagas", this, m -> m.count(state))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("saga instances in this state").register(registry);
        }
    }

    private synchronized double count(SagaState state) {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt > Duration.ofSeconds(FRESH_SECONDS).toNanos()) {
            Map<SagaState, Long> fresh = new EnumMap<>(SagaState.class);
            journal.counts().values().forEach(byState -> byState.forEach((s, n) -> fresh.merge(s, n, Long::sum)));
            counts = fresh;
            readAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }
}
