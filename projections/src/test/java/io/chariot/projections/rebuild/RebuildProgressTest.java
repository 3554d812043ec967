package io.chariot.projections.rebuild;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** What status calls report of a running rebuild: rate, time left, and how it ended. */
class RebuildProgressTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = START;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void theRateCountsOnlyTheEventsReplayedSinceTheRunResumed() {
        var clock = new HandClock();
        var progress = new RebuildProgress(clock, 10_000, "in-place", 0, 2_000);
        clock.advance(Duration.ofSeconds(4));

        progress.advance(6_000);

        assertThat(progress.eventsPerSecond()).isEqualTo(1_000.0);
        assertThat(progress.etaSeconds()).isEqualTo(4L);
    }

    @Test
    void timeLeftIsUnknownUntilAnEventWasReplayed() {
        var clock = new HandClock();
        var progress = new RebuildProgress(clock, 10_000, "in-place", 0, 0);
        clock.advance(Duration.ofSeconds(1));

        assertThat(progress.etaSeconds()).isNull();
    }

    @Test
    void eventsArrivingDuringTheRebuildRaiseTheTotal() {
        var progress = new RebuildProgress(new HandClock(), 100, "in-place", 0, 0);

        progress.advance(120);

        assertThat(progress.eventsTotal()).isEqualTo(120);
    }

    @Test
    void aFinishedRebuildHasNoTimeLeftAndReportsWhenItCaughtUp() {
        var clock = new HandClock();
        var progress = new RebuildProgress(clock, 50, "blue-green", 2, 0);
        progress.advance(50);
        clock.advance(Duration.ofSeconds(10));
        progress.done();

        var status = ProjectionStatus.Rebuild.of(progress);

        assertThat(progress.etaSeconds()).isZero();
        assertThat(status.state()).isEqualTo("done");
        assertThat(status.eventsPerSecond()).isEqualTo(5.0);
        assertThat(status.finishedAt()).isEqualTo("2026-03-01T10:00:10Z").isEqualTo(status.caughtUpAt());
    }

    @Test
    void aFailedRebuildSaysWhyAndNeverThatItCaughtUp() {
        var progress = new RebuildProgress(new HandClock(), 50, "in-place", 0, 0);
        progress.failed(new IllegalStateException());

        var status = ProjectionStatus.Rebuild.of(progress);

        assertThat(status.state()).isEqualTo("failed");
        assertThat(status.error()).isEqualTo("IllegalStateException");
        assertThat(status.caughtUpAt()).isNull();
        assertThat(status.finishedAt()).isNotNull();
    }

    @Test
    void anAbortedRebuildTellsTheOperatorHowToResume() {
        var progress = new RebuildProgress(new HandClock(), 50, "in-place", 0, 0);
        progress.advance(20);
        progress.aborted();

        assertThat(progress.state()).isEqualTo(RebuildProgress.State.ABORTED);
        assertThat(progress.error()).isEqualTo("aborted after 20 events; run the rebuild again to resume from its checkpoint");
    }
}
