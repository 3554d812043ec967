package io.chariot.platform.sagas;

import io.chariot.sagas.runtime.SagaState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Saga instances by state ({@code chariot_sagas{state}}: running, compensating, flagged, completed, compensated),
 * counted in the saga journal. FLAGGED instances wait for an operator (an alert rule watches them). The count is
 * read at most every {@value #FRESH_SECONDS} seconds, however often Prometheus scrapes.
 */
@Component
class SagaStateMetrics implements MeterBinder {

    private static final long FRESH_SECONDS = 10;
    private final JdbcTemplate jdbc;
    private Map<String, Long> counts = Map.of();
    private long readAt = Long.MIN_VALUE;

    SagaStateMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SagaState state : SagaState.values()) {
            Gauge.builder("chariot.sagas", this, m -> m.count(state.name()))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("saga instances in this state").register(registry);
        }
    }

    private synchronized double count(String state) {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt > Duration.ofSeconds(FRESH_SECONDS).toNanos()) {
            Map<String, Long> fresh = new HashMap<>();
            jdbc.query("SELECT state, count(*) FROM saga_instance GROUP BY state",
                    rs -> {
                        fresh.put(rs.getString(1), rs.getLong(2));
                    });
            counts = fresh;
            readAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }
}
