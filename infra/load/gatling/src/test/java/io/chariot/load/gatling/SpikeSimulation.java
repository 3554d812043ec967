package io.chariot.load.gatling;

import io.chariot.load.gatling.verdict.LatencyTimeline;
import io.chariot.load.gatling.verdict.SpikeVerdict;
import io.chariot.load.gatling.verdict.Timetable;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

/**
 * The daily workflows at the base rate ({@code chariot.rate}) for {@code chariot.spikeBefore}, then
 * {@code chariot.spikeFactor} (10) times that for {@code chariot.spikeLength} (60 s), then the base rate again for
 * {@code chariot.spikeAfter}. The verdict ({@link SpikeVerdict}) says whether errors and latency came back to the
 * base phase's level, and how many seconds after the spike.
 */
public class SpikeSimulation extends Simulation {

    private final Settings settings = Settings.fromSystem();
    private final Duration beforeSpike = Settings.parseDuration(System.getProperty("chariot.spikeBefore", "60s"));
    private final Duration length = Settings.parseDuration(System.getProperty("chariot.spikeLength", "60s"));
    private final Duration afterwards = Settings.parseDuration(System.getProperty("chariot.spikeAfter", "120s"));
    private final double factor = Double.parseDouble(System.getProperty("chariot.spikeFactor", "10"));
    private final LatencyTimeline timeline = new LatencyTimeline(System.currentTimeMillis(), 1);

    {
        CliWorkflows workflows = new CliWorkflows(settings, timeline);
        setUp(workflows.sessions("spike").injectOpen(
                constantUsersPerSec(settings.rate()).during(beforeSpike),
                constantUsersPerSec(settings.rate() * factor).during(length),
                constantUsersPerSec(settings.rate()).during(afterwards)))
                .protocols(workflows.protocol())
                .maxDuration(beforeSpike.plus(length).plus(afterwards).plus(Duration.ofMinutes(2)));
    }

    @Override
    public void before() {
        System.out.printf("spike: %s, x%.0f for %s after %s, then %s%n", settings, factor, length, beforeSpike, afterwards);
        timeline.startAt(System.currentTimeMillis()); // the load starts right after this hook: time zero of the phases
    }

    @Override
    public void after() {
        var phases = new SpikeVerdict.Phases(beforeSpike.toSeconds(), beforeSpike.plus(length).toSeconds(),
                beforeSpike.plus(length).plus(afterwards).toSeconds());
        SpikeVerdict.Result result = SpikeVerdict.judge(timeline, phases, SpikeVerdict.Limits.defaults());
        RunOutcome.report(settings, result.line(), Timetable.render(timeline.windows(5), 5, List.of(), Map.of()));
    }
}
