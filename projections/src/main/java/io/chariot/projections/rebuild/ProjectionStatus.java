package io.chariot.projections.rebuild;

import java.util.List;

/** What an operator sees of one projection (the admin API's and the CLI's shape). */
public record ProjectionStatus(String name, String store, int version, String processingGroup, String state,
                               Long lag, List<Segment> segments, Rebuild rebuild) {

    public record Segment(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    public record Rebuild(String state, long eventsDone, long eventsTotal, double eventsPerSecond, Long etaSeconds,
                          String startedAt, String finishedAt, String caughtUpAt, String error) {

        static Rebuild of(RebuildProgress p) {
            String finished = p.finishedAt() == null ? null : p.finishedAt().toString();
            return new Rebuild(p.state().name().toLowerCase(), p.eventsDone(), p.eventsTotal(),
                    Math.round(p.eventsPerSecond() * 10) / 10.0, p.etaSeconds(), p.startedAt().toString(),
                    finished, p.state() == RebuildProgress.State.DONE ? finished : null, p.error());
        }
    }

    /** What a rebuild would do, without doing it. */
    public record Plan(String name, String store, long eventsTotal, List<String> steps) {
    }
}
