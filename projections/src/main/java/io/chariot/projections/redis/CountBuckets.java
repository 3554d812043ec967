package io.chariot.projections.redis;

import io.chariot.projections.processing.LiveBatch;
import io.chariot.projections.verify.ReadModelDigest;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Moves records between per-tenant count buckets ({@code dimension:value}) through one Lua script, atomically and
 * at most once per aggregate sequence number; removed records leave a tombstone so an older add delivered again
 * cannot bring them back. Shared by every Redis count projection.
 */
public final class CountBuckets {

    private static final String SCRIPT = load("apply-dimensions.lua");
    private final RedissonClient redis;
    private final String prefix;
    private volatile String scriptSha;
    /** A replay thread's pipeline, when it batches (see {@link #beginBatch()}). */
    private final ThreadLocal<Pipeline> pipeline = new ThreadLocal<>();

    private static final int PIPELINE_SIZE = 500;

    private final class Pipeline {
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        int size;
    }

    public CountBuckets(RedissonClient redis) {
        this(redis, CountKeys.PREFIX);
    }

    private CountBuckets(RedissonClient redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** The same buckets under another generation's key prefix. */
    public CountBuckets forGeneration(int generation) {
        return new CountBuckets(redis, CountKeys.prefix(generation));
    }

    /** Loads the script into Redis' cache (idempotent). */
    public void load() {
        scriptSha = redis.getScript(StringCodec.INSTANCE).scriptLoad(SCRIPT);
    }

    /**
     * From now on this thread's updates go through one pipeline, sent every few hundred updates and on
     * {@link #flushBatch()}: a replay then costs one round trip per batch instead of one per event. Order is kept,
     * and the script's sequence guard makes a batch safe to resend.
     */
    public void beginBatch() {
        if (scriptSha == null) {
            load();
        }
        pipeline.set(new Pipeline());
    }

    public void flushBatch() {
        Pipeline p = pipeline.get();
        if (p != null && p.size > 0) {
            try {
                p.batch.execute();
            } finally {
                // Sent or failed, a fresh pipeline follows (a failed batch is resent whole by the replayer).
                pipeline.set(new Pipeline());
            }
        }
    }

    public void endBatch() {
        try {
            flushBatch();
        } finally {
            pipeline.remove();
        }
    }

    /**
     * A live processor's batch (ADR 0029): this thread's updates of these buckets go as one pipeline, sent at the
     * commit; closing without a commit drops what was not sent (its unit of work rolled back).
     */
    public LiveBatch openLiveBatch() {
        beginBatch();
        return new LiveBatch() {
            @Override
            public void commit() {
                flushBatch();
            }

            @Override
            public void close() {
                pipeline.remove();
            }
        };
    }

    /** Sets a record's dimensions ({@code "status=A"}); an empty value keeps the record's current one. */
    public void set(String tenant, String kind, String recordKey, long seq, String... dims) {
        apply(tenant, kind, recordKey, seq, false, dims);
    }

    public void remove(String tenant, String kind, String recordKey, long seq) {
        apply(tenant, kind, recordKey, seq, true);
    }

    /**
     * Deletes one tenant's buckets and record states of one kind (a purged tenant). What this thread pipelined is
     * written first, so no earlier update lands after the deletion.
     */
    public void clear(String tenant, String kind) {
        flushBatch();
        redis.getKeys().delete(CountKeys.counts(prefix, tenant, kind), CountKeys.state(prefix, tenant, kind));
    }

    /** Deletes every bucket and record state of one kind, across tenants. */
    public void clear(String kind) {
        redis.getKeys().deleteByPattern(prefix + "counts:*:" + kind);
        redis.getKeys().deleteByPattern(prefix + "state:*:" + kind);
    }

    /**
     * Adds every tenant's buckets (non-zero counts) and record states of one kind to a digest. Only keys of this
     * generation: the pattern's prefix is followed by {@code counts:}/{@code state:}, which never starts a
     * generation prefix.
     */
    public void digest(String kind, ReadModelDigest.Builder digest) {
        for (String area : new String[]{"counts", "state"}) {
            for (String key : redis.getKeys().getKeysByPattern(prefix + area + ":*:" + kind)) {
                Map<String, String> entries = new TreeMap<>(
                        redis.<String, String>getMap(key, StringCodec.INSTANCE).readAllMap());
                entries.values().removeIf("0"::equals);
                if (!entries.isEmpty()) {
                    digest.add(CountKeys.tenantOf(key), area + ":" + kind + ReadModelDigest.canonical(entries));
                }
            }
        }
    }

    private void apply(String tenant, String kind, String recordKey, long seq, boolean remove, String... dims) {
        List<Object> keys = List.of(CountKeys.state(prefix, tenant, kind), CountKeys.counts(prefix, tenant, kind));
        List<Object> args = new ArrayList<>(List.of(recordKey, Long.toString(seq), remove ? "remove" : "set"));
        args.addAll(List.of(dims));
        if (scriptSha == null) {
            load();
        }
        Pipeline p = pipeline.get();
        if (p != null) {
            p.batch.getScript(StringCodec.INSTANCE).evalShaAsync(RScript.Mode.READ_WRITE, scriptSha,
                    RScript.ReturnType.INTEGER, keys, args.toArray());
            if (++p.size >= PIPELINE_SIZE) {
                flushBatch();
            }
            return;
        }
        RScript script = redis.getScript(StringCodec.INSTANCE);
        try {
            script.evalSha(RScript.Mode.READ_WRITE, scriptSha, RScript.ReturnType.INTEGER, keys, args.toArray());
        } catch (RedisException e) {
            // A restarted or flushed Redis forgets cached scripts: load it again, once.
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            load();
            script.evalSha(RScript.Mode.READ_WRITE, scriptSha, RScript.ReturnType.INTEGER, keys, args.toArray());
        }
    }

    private static String load(String name) {
        try (InputStream in = CountBuckets.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
