package io.chariot.projections.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** One rebuild's progress, updated by the replay thread and read by status calls and meters. */
public final class RebuildProgress {

    public enum State { RUNNING, DONE, FAILED }

    private final Clock clock;
    private final Instant startedAt;
    private final long eventsTotal;
    private final AtomicLong eventsDone = new AtomicLong();
    private volatile State state = State.RUNNING;
    private volatile Instant finishedAt;
    private volatile String error;

    RebuildProgress(Clock clock, long eventsTotal) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.eventsTotal = eventsTotal;
    }

    void advance(long done) {
        eventsDone.set(done);
    }

    void done() {
        finishedAt = clock.instant();
        state = State.DONE;
    }

    void failed(Throwable cause) {
        finishedAt = clock.instant();
        error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        state = State.FAILED;
    }

    public State state() {
        return state;
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

    public double eventsPerSecond() {
        Instant end = finishedAt != null ? finishedAt : clock.instant();
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        return eventsDone.get() / seconds;
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
