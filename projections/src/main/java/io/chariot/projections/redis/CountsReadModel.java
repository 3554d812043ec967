package io.chariot.projections.redis;

import io.chariot.projections.ReadModel;
import io.chariot.projections.verify.ReadModelDigest;
import org.axonframework.eventhandling.ResetHandler;

import java.util.List;

/**
 * A Redis count read model: per-tenant buckets of some kinds of records, under its generation's key prefix. Clears,
 * drops and digests only its own kinds.
 */
public abstract class CountsReadModel implements ReadModel {

    private final String name;
    private final List<String> kinds;
    private final CountBuckets base;
    private volatile CountBuckets buckets;
    private volatile int generation;

    protected CountsReadModel(String name, List<String> kinds, CountBuckets buckets) {
        this.name = name;
        this.kinds = List.copyOf(kinds);
        this.base = buckets;
        this.buckets = buckets;
    }

    /** A fresh instance of the concrete read model on the same buckets. */
    protected abstract CountsReadModel newInstance(CountBuckets buckets);

    protected CountBuckets buckets() {
        return buckets;
    }

    @ResetHandler
    void reset() {
        clear();
    }

    @Override
    public String name() {
        return name;
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

    @Override
    public void clear() {
        kinds.forEach(buckets::clear);
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public void useGeneration(int generation) {
        this.buckets = base.forGeneration(generation);
        this.generation = generation;
    }

    @Override
    public ReadModel forGeneration(int generation) {
        CountsReadModel copy = newInstance(base);
        copy.useGeneration(generation);
        return copy;
    }

    @Override
    public void drop() {
        clear();
    }

    @Override
    public void beginBatch() {
        buckets.beginBatch();
    }

    @Override
    public void flushBatch() {
        buckets.flushBatch();
    }

    @Override
    public void endBatch() {
        buckets.endBatch();
    }

    @Override
    public ReadModelDigest digest() {
        var digest = ReadModelDigest.builder();
        kinds.forEach(kind -> buckets.digest(kind, digest));
        return digest.build();
    }
}
