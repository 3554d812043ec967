package io.chariot.projections.redis;

import io.chariot.api.risk.RiskEvents.RiskOpened;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.util.List;

/**
 * Per-tenant counts of risks by status ({@code TH}, {@code OH}, …) and severity ({@code H}, …) for
 * {@code GET /my/count?key=#risk} (kind {@code risk} in {@link CountKeys}). {@link CountBuckets} moves each risk
 * between buckets atomically and only for a newer sequence number, so replays and redeliveries never double count.
 */
@ProcessingGroup(RedisRiskCountsProjection.NAME)
public class RedisRiskCountsProjection extends CountsReadModel {

    public static final String NAME = "risks-redis";
    public static final String KIND = "risk";

    public RedisRiskCountsProjection(CountBuckets buckets) {
        super(NAME, List.of(KIND), buckets);
    }

    @Override
    protected CountsReadModel newInstance() {
        return new RedisRiskCountsProjection(baseBuckets());
    }

    @EventHandler
    void on(RiskOpened e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, e.status());
    }

    @EventHandler
    void on(RiskStatusChanged e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, e.to());
    }

    private void set(String tenant, String recordKey, long seq, String status) {
        String severity = RiskStatus.severity(status);
        buckets().set(tenant, KIND, recordKey, seq, "status=" + status,
                "severity=" + (severity.isEmpty() ? "none" : severity));
    }
}
