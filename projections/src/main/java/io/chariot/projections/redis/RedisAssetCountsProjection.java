package io.chariot.projections.redis;

import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetSourcePromoted;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetEvents.AttributeRemoved;
import io.chariot.api.asset.AssetKind;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.util.List;

/**
 * Per-tenant counts of assets by status, class and source — one kind of count per {@link AssetKind} ({@code asset},
 * {@code webapplication}, {@code addomain}) — and of attributes by name ({@code GET /my/count}).
 * Replays and redeliveries never double count (see {@link CountBuckets}).
 */
@ProcessingGroup(RedisAssetCountsProjection.NAME)
public class RedisAssetCountsProjection extends CountsReadModel {

    public static final String NAME = "assets-redis";

    public RedisAssetCountsProjection(CountBuckets buckets) {
        super(NAME, List.of("asset", "webapplication", "addomain", "attribute"), buckets);
    }

    @Override
    protected CountsReadModel newInstance() {
        return new RedisAssetCountsProjection(baseBuckets());
    }

    @EventHandler
    void on(AssetDiscovered e, @SequenceNumber long seq) {
        buckets().set(e.tenant(), kindOf(e.key()), e.key(), seq,
                "status=" + e.status(), "class=" + e.assetClass(), "source=" + e.source());
    }

    @EventHandler
    void on(AssetStatusChanged e, @SequenceNumber long seq) {
        buckets().set(e.tenant(), kindOf(e.key()), e.key(), seq, "status=" + e.to());
    }

    @EventHandler
    void on(AssetSourcePromoted e, @SequenceNumber long seq) {
        buckets().set(e.tenant(), kindOf(e.key()), e.key(), seq, "status=" + e.status(),
                "source=" + e.toSource());
    }

    @EventHandler
    void on(AttributeAdded e, @SequenceNumber long seq) {
        buckets().set(e.tenant(), "attribute", e.key(), seq, "attribute=" + e.name());
    }

    @EventHandler
    void on(AttributeRemoved e, @SequenceNumber long seq) {
        buckets().remove(e.tenant(), "attribute", e.key(), seq);
    }

    /** The count kind of an asset-like record: its key's type. */
    private static String kindOf(String key) {
        return AssetKind.ofKey(key).orElse(AssetKind.ASSET).code();
    }
}
