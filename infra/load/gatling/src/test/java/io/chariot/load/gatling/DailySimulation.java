package io.chariot.load.gatling;

import io.chariot.load.gatling.verdict.LatencyTimeline;
import io.chariot.load.gatling.verdict.Timetable;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * The CLI's daily workflows ({@link CliWorkflows}) at {@code chariot.rate} sessions/s, open loop (sessions start on
 * schedule whatever the platform's latency), for {@code chariot.duration}. Fails (Gatling's exit code) when more
 * than 1 % of the requests failed.
 */
public class DailySimulation extends Simulation {

    private final Settings settings = Settings.fromSystem();
    private final LatencyTimeline timeline = new LatencyTimeline(System.currentTimeMillis(), 10);

    {
        CliWorkflows workflows = new CliWorkflows(settings, timeline);
        setUp(workflows.sessions("daily").injectOpen(
                constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(workflows.protocol())
                .maxDuration(settings.duration().plus(Duration.ofMinutes(2)))
                .assertions(global().failedRequests().percent().lte(1.0));
    }

    @Override
    public void before() {
        System.out.println("daily: " + settings);
        timeline.startAt(System.currentTimeMillis());
    }

    @Override
    public void after() {
        var all = timeline.between(0, Long.MAX_VALUE);
        String line = String.format(Locale.ROOT,
                "DAILY: %d requests, %.2f%% failed, p50 %.0f ms, p99 %.0f ms, max %.0f ms (%.1f sessions/s offered)",
                all.requests(), all.failedPercent(), all.p50Ms(), all.p99Ms(), all.maxMs(), settings.rate());
        RunOutcome.report(settings, line, Timetable.render(timeline.windows(), 10, List.of(), Map.of()));
    }
}
