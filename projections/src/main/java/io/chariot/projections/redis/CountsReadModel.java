package io.chariot.projections.redis;

import io.chariot.api.account.AccountEvents.TenantPurged;
import io.chariot.projections.GenerationalReadModel;
import io.chariot.projections.processing.LiveBatch;
import io.chariot.projections.verify.ReadModelDigest;

import org.axonframework.eventhandling.EventHandler;

import java.util.List;

/**
 * A Redis count read model: per-tenant buckets of some kinds of records, under its generation's key prefix. Clears,
 * drops and digests only its own kinds; pipelines its updates in replays and, per processor batch, live.
 */
public abstract class CountsReadModel extends GenerationalReadModel<CountBuckets> {

    private final CountBuckets base;
    private final List<String> kinds;

    protected CountsReadModel(String name, List<String> kinds, CountBuckets buckets) {
        super(name, "redis", buckets::forGeneration);
        this.base = buckets;
        this.kinds = List.copyOf(kinds);
    }

    /** The generation-0 buckets, to build another instance on. */
    protected CountBuckets baseBuckets() {
        return base;
    }

    protected CountBuckets buckets() {
        return place();
    }

    /** A purged tenant's counts go (ADR 0020), in a replay or rebuild too. */
    @EventHandler
    void on(TenantPurged purged) {
        kinds.forEach(kind -> buckets().clear(purged.tenant(), kind));
    }

    @Override
    public void ensureSchema() {
        buckets().load();
    }

    @Override
    public void clear() {
        kinds.forEach(buckets()::clear);
    }

    @Override
    public void drop() {
        clear();
    }

    @Override
    public ReadModelDigest digest() {
        var digest = ReadModelDigest.builder();
        kinds.forEach(kind -> buckets().digest(kind, digest));
        return digest.build();
    }

    @Override
    public void beginBatch() {
        buckets().beginBatch();
    }

    @Override
    public void flushBatch() {
        buckets().flushBatch();
    }

    @Override
    public void endBatch() {
        buckets().endBatch();
    }

    /**
     * Opens a live processor batch on this thread: the updates go as one pipeline to the generation live now, even
     * if the read alias moves before the batch commits (ADR 0029).
     */
    public LiveBatch openLiveBatch() {
        return buckets().openLiveBatch();
    }
}
