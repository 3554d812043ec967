package io.chariot.projections.redis;

import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetSourcePromoted;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetEvents.AttributeRemoved;
import io.chariot.projections.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-tenant counts of assets by status, class and source, and of attributes by name ({@code GET /my/count}).
 * A Lua script moves each record between buckets atomically and only for a newer sequence number, so replays and
 * redeliveries never double count.
 */
@ProcessingGroup(RedisAssetCountsProjection.NAME)
public class RedisAssetCountsProjection implements ReadModel {

    public static final String NAME = "assets-redis";
    private static final String SCRIPT = load("apply-dimensions.lua");

    private final RedissonClient redis;
    private volatile String scriptSha;

    public RedisAssetCountsProjection(RedissonClient redis) {
        this.redis = redis;
    }

    @EventHandler
    void on(AssetDiscovered e, @SequenceNumber long seq) {
        apply(e.tenant(), "asset", e.key(), seq, false,
                "status=" + e.status(), "class=" + e.assetClass(), "source=" + e.source());
    }

    @EventHandler
    void on(AssetStatusChanged e, @SequenceNumber long seq) {
        apply(e.tenant(), "asset", e.key(), seq, false, "status=" + e.to());
    }

    @EventHandler
    void on(AssetSourcePromoted e, @SequenceNumber long seq) {
        apply(e.tenant(), "asset", e.key(), seq, false, "status=" + e.status(), "source=" + e.toSource());
    }

    @EventHandler
    void on(AttributeAdded e, @SequenceNumber long seq) {
        apply(e.tenant(), "attribute", e.key(), seq, false, "attribute=" + e.name());
    }

    @EventHandler
    void on(AttributeRemoved e, @SequenceNumber long seq) {
        apply(e.tenant(), "attribute", e.key(), seq, true);
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
        scriptSha = redis.getScript(StringCodec.INSTANCE).scriptLoad(SCRIPT);
    }

    @Override
    public void clear() {
        redis.getKeys().deleteByPattern(CountKeys.PREFIX + "counts:*");
        redis.getKeys().deleteByPattern(CountKeys.PREFIX + "state:*");
    }

    private void apply(String tenant, String kind, String recordKey, long seq, boolean remove, String... dims) {
        List<Object> keys = List.of(CountKeys.state(tenant, kind), CountKeys.counts(tenant, kind));
        List<Object> args = new ArrayList<>(List.of(recordKey, Long.toString(seq), remove ? "remove" : "set"));
        args.addAll(List.of(dims));
        RScript script = redis.getScript(StringCodec.INSTANCE);
        if (scriptSha == null) {
            ensureSchema();
        }
        // evalSha falls back to nothing on a flushed script cache, so reload once on NOSCRIPT.
        try {
            script.evalSha(RScript.Mode.READ_WRITE, scriptSha, RScript.ReturnType.INTEGER, keys, args.toArray());
        } catch (org.redisson.client.RedisException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            ensureSchema();
            script.evalSha(RScript.Mode.READ_WRITE, scriptSha, RScript.ReturnType.INTEGER, keys, args.toArray());
        }
    }

    private static String load(String name) {
        try (InputStream in = RedisAssetCountsProjection.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
