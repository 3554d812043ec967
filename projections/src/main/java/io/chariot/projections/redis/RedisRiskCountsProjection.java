package io.chariot.projections.redis;

import io.chariot.api.risk.RiskEvents.RiskOpened;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskStatus;
import io.chariot.projections.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Per-tenant counts of risks by status ({@code TH}, {@code OH}, …) and severity ({@code H}, …) for
 * {@code GET /my/count?key=#risk} (kind {@code risk} in {@link CountKeys}). {@link CountBuckets} moves each risk
 * between buckets atomically and only for a newer sequence number, so replays and redeliveries never double count.
 */
@ProcessingGroup(RedisRiskCountsProjection.NAME)
public class RedisRiskCountsProjection implements ReadModel {

    public static final String NAME = "risks-redis";
    public static final String KIND = "risk";

    private final CountBuckets buckets;

    public RedisRiskCountsProjection(CountBuckets buckets) {
        this.buckets = buckets;
    }

    @EventHandler
    void on(RiskOpened e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, e.status());
    }

    @EventHandler
    void on(RiskStatusChanged e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, e.to());
    }

    @ResetHandler
    void reset() {
        clear();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String store() {
        return "redis";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void ensureSchema() {
        buckets.load();
    }

    /** Only the risk counts: the other kinds belong to other read models. */
    @Override
    public void clear() {
        buckets.clear(KIND);
    }

    private void set(String tenant, String recordKey, long seq, String status) {
        String severity = RiskStatus.severity(status);
        buckets.set(tenant, KIND, recordKey, seq, "status=" + status,
                "severity=" + (severity.isEmpty() ? "none" : severity));
    }
}
