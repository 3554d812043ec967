package io.chariot.load;

import io.chariot.projections.ReadModel;
import io.chariot.projections.verify.ReadModelDigest;
import org.axonframework.eventhandling.EventHandler;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events as they are applied: passed to the replayer after the model under test, so in each applier thread
 * it sees an event right after the model has written it. The replayer's own progress counts events read and
 * dispatched, which with several segments runs up to 1,024 events per segment ahead of what the stores hold.
 * Alone, it measures the reader: what the replay path delivers with no store behind it.
 */
final class AppliedCounter implements ReadModel {

    private final LongAdder applied = new LongAdder();

    long applied() {
        return applied.sum();
    }

    @EventHandler
    void on(Object event) {
        applied.increment();
    }

    @Override
    public String name() {
        return "applied-counter";
    }

    @Override
    public String store() {
        return "none";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void ensureSchema() {
    }

    @Override
    public void clear() {
    }

    @Override
    public int generation() {
        return 0;
    }

    @Override
    public void useGeneration(int generation) {
    }

    @Override
    public ReadModel forGeneration(int generation) {
        return new AppliedCounter();
    }

    @Override
    public void drop() {
    }

    @Override
    public ReadModelDigest digest() {
        return ReadModelDigest.builder().build();
    }
}
