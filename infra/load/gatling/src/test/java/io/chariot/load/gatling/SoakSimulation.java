package io.chariot.load.gatling;

import io.chariot.load.gatling.verdict.LatencyTimeline;
import io.chariot.load.gatling.verdict.SoakVerdict;
import io.chariot.load.gatling.verdict.Timetable;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

/**
 * The daily workflows at a steady {@code chariot.rate} for {@code chariot.duration} (10 minutes by default here; 24 h
 * is what it is meant for on real infrastructure) while {@link PlatformSampler} samples the platform's heap and each
 * store's projection lag every {@code chariot.sampleSeconds}. At the end {@link SoakVerdict} judges error rate,
 * latency per minute, heap drift and lag drift; run-gatling.sh exits non-zero on FAIL.
 */
public class SoakSimulation extends Simulation {

    /** Assumed requests per session (CliWorkflows' mix), for the lag tolerance. */
    private static final double REQUESTS_PER_SESSION = 3.5;

    private final Settings settings = Settings.fromSystem();
    private final LatencyTimeline timeline = new LatencyTimeline(System.currentTimeMillis(), 60);
    private PlatformSampler sampler;

    {
        CliWorkflows workflows = new CliWorkflows(settings, timeline);
        setUp(workflows.sessions("soak").injectOpen(
                constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(workflows.protocol())
                .maxDuration(settings.duration().plus(Duration.ofMinutes(2)));
    }

    @Override
    public void before() {
        System.out.println("soak: " + settings + ", sampling every " + settings.sampleSeconds() + " s");
        long start = System.currentTimeMillis();
        timeline.startAt(start);
        sampler = new PlatformSampler(settings, start);
        sampler.start();
    }

    @Override
    public void after() {
        sampler.close();
        double seconds = settings.duration().toSeconds();
        var series = new SoakVerdict.Series(seconds, timeline.windows(), sampler.heapUsed(), sampler.heapMax(),
                sampler.liveData(), sampler.lagByStore());
        var limits = SoakVerdict.Limits.defaults(seconds, sampler.heapMax(), settings.rate() * REQUESTS_PER_SESSION);
        SoakVerdict.Verdict verdict = SoakVerdict.judge(series, limits);
        String details = Timetable.render(timeline.windows(), 60, sampler.heapUsed(), sampler.lagByStore())
                + String.format("samples: %d heap, %d failed%s; limits: %s", sampler.heapUsed().size(),
                sampler.failedSamples(), sampler.failedSamples() > 0 ? " (last: " + sampler.lastFailure() + ")" : "",
                limits);
        RunOutcome.report(settings, verdict.line(), details);
    }
}
