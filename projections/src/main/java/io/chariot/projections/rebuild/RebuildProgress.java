package io.chariot.projections.rebuild;

import io.chariot.projections.verify.ReadModelDigest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One rebuild's progress, updated by the replay thread and read by status calls and meters. */
public final class RebuildProgress {

    public enum State { RUNNING, DONE, FAILED, ABORTED }

    private final Clock clock;
    private final Instant startedAt;
    private final String mode;
    private final int generation;
    private final long resumedAt;
    private volatile long eventsTotal;
    private final AtomicLong eventsDone = new AtomicLong();
    private volatile State state = State.RUNNING;
    private volatile String phase = "starting";
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile List<ReadModelDigest.Difference> differences = List.of();

    RebuildProgress(Clock clock, long eventsTotal, String mode, int generation, long resumedAt) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.eventsTotal = eventsTotal;
        this.mode = mode;
        this.generation = generation;
        this.resumedAt = resumedAt;
    }

    void advance(long done) {
        eventsDone.set(done);
        if (done > eventsTotal) {
            eventsTotal = done; // events that arrived during the rebuild
        }
    }

    void total(long total) {
        eventsTotal = total;
    }

    void phase(String phase) {
        this.phase = phase;
    }

    void differences(List<ReadModelDigest.Difference> differences) {
        this.differences = List.copyOf(differences);
    }

    void done() {
        finishedAt = clock.instant();
        phase = "done";
        state = State.DONE;
    }

    void failed(Throwable cause) {
        finishedAt = clock.instant();
        error = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        state = State.FAILED;
    }

    void aborted() {
        finishedAt = clock.instant();
        error = "aborted after " + eventsDone.get() + " events; run the rebuild again to resume from its checkpoint";
        state = State.ABORTED;
    }

    public State state() {
        return state;
    }

    public String phase() {
        return phase;
    }

    public String mode() {
        return mode;
    }

    public int generation() {
        return generation;
    }

    /** The checkpoint this run resumed from (events already done before it), 0 for a fresh run. */
    public long resumedAt() {
        return resumedAt;
    }

    public long eventsDone() {
        return eventsDone.get();
    }

    public long eventsTotal() {
        return eventsTotal;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String error() {
        return error;
    }

    public List<ReadModelDigest.Difference> differences() {
        return differences;
    }

    public double eventsPerSecond() {
        Instant end = finishedAt != null ? finishedAt : clock.instant();
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        return Math.max(eventsDone.get() - resumedAt, 0) / seconds;
    }

    /** Seconds left at the current rate; null before the rate is known. */
    public Long etaSeconds() {
        if (state != State.RUNNING) {
            return 0L;
        }
        double rate = eventsPerSecond();
        return rate <= 0 ? null : (long) Math.ceil(Math.max(eventsTotal - eventsDone.get(), 0) / rate);
    }
}
