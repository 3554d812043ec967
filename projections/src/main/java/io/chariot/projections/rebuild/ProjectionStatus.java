package io.chariot.projections.rebuild;

import io.chariot.projections.verify.ReadModelDigest;

import java.util.List;

/**
 * What an operator sees of one projection (the admin API's and the CLI's shape). {@code parked} events are in the
 * group's dead-letter queue; {@code failing} says why the group is waiting for its store, if it is. "live" with lag
 * 0 means every event up to the head was applied or parked: the token never passes an event that was neither.
 */
public record ProjectionStatus(String name, String store, int version, String processingGroup, String state,
                               int generation, Long lag, long parked, Failing failing, List<Segment> segments,
                               Rebuild rebuild) {

    /** The group cannot apply events now: its store fails. */
    public record Failing(String since, long attempts, String cause) {
    }

    public record Segment(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    public record Rebuild(String state, String mode, String phase, int generation, long eventsDone,
                          long eventsTotal, long resumedAt, double eventsPerSecond, Long etaSeconds,
                          String startedAt, String finishedAt, String caughtUpAt, String error,
                          List<ReadModelDigest.Difference> differences) {

        static Rebuild of(RebuildProgress p) {
            String finished = p.finishedAt() == null ? null : p.finishedAt().toString();
            return new Rebuild(p.state().name().toLowerCase(), p.mode(), p.phase(), p.generation(), p.eventsDone(),
                    p.eventsTotal(), p.resumedAt(), Math.round(p.eventsPerSecond() * 10) / 10.0, p.etaSeconds(),
                    p.startedAt().toString(), finished, p.state() == RebuildProgress.State.DONE ? finished : null,
                    p.error(), p.differences());
        }
    }

    /** What a rebuild would do, without doing it. */
    public record Plan(String name, String store, String mode, List<String> models, long eventsTotal,
                       Long fromPosition, List<String> steps) {
    }

    /** The outcome of {@code verify}: per read model, the live and the freshly rebuilt digests compared. */
    public record Verification(String name, boolean matches, long eventsReplayed, List<ModelVerification> models) {
    }

    public record ModelVerification(String name, String store, int liveGeneration, long liveRecords,
                                    long rebuiltRecords, int tenants, List<ReadModelDigest.Difference> differences) {
    }
}
