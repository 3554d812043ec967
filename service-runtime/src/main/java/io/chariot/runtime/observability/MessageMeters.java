package io.chariot.runtime.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The meters of Axon's {@code MessageCountingMonitor} and {@code MessageTimerMonitor} together ({@code
 * <name>.{ingested,success,failure,processed,ignored}Counter} and {@code <name>.{all,success,failure,ignored}Timer},
 * same names, same tags), registered once per tag set instead of looked up again for every message.
 * <p>
 * Axon's monitors build and register nine meters per message, and their timers keep six client-side percentiles
 * each. Every event passes through every processor's monitor (handled or ignored), so at one event per batch that was
 * ~8 % of the platform's CPU (BENCHMARKS.md). The timers here keep count, sum, max and the buckets the
 * {@code management.metrics.distribution} settings give them; client-side percentiles cannot be aggregated across
 * instances anyway, and the dashboards use the buckets and the max.
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    /** Axon's expiry for its timers' distribution statistics, kept so {@code *_max} means what it meant. */
    private static final Duration STATISTIC_EXPIRY = Duration.ofMinutes(10);

    private final String name;
    private final MeterRegistry registry;
    private final Function<Message<?>, Iterable<Tag>> tags;
    private final Clock clock;
    private final ConcurrentMap<Tags, Meters> byTags = new ConcurrentHashMap<>();

    /**
     * @param name the meter name prefix ({@code commandBus}, {@code eventProcessor}, {@code queryBus})
     * @param tags the tags of a message (Axon's dimensional ones)
     */
    MessageMeters(String name, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags) {
        this.name = name;
        this.registry = registry;
        this.tags = tags;
        this.clock = registry.config().clock();
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = byTags.computeIfAbsent(Tags.of(tags.apply(message)), this::register);
        meters.ingested.increment();
        return new Callback(meters, clock.monotonicTime());
    }

    private Meters register(Tags of) {
        return new Meters(
                counter("ingestedCounter", of), counter("successCounter", of), counter("failureCounter", of),
                counter("processedCounter", of), counter("ignoredCounter", of),
                timer("allTimer", of), timer("successTimer", of), timer("failureTimer", of), timer("ignoredTimer", of));
    }

    private Counter counter(String meter, Tags of) {
        return Counter.builder(name + "." + meter).tags(of).register(registry);
    }

    private Timer timer(String meter, Tags of) {
        return Timer.builder(name + "." + meter).distributionStatisticExpiry(STATISTIC_EXPIRY).tags(of)
                .register(registry);
    }

    /** One tag set's meters. */
    private record Meters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored,
                          Timer all, Timer succeeded, Timer failed, Timer skipped) {
    }

    private final class Callback implements MonitorCallback {

        private final Meters meters;
        private final long start;

        Callback(Meters meters, long start) {
            this.meters = meters;
            this.start = start;
        }

        @Override
        public void reportSuccess() {
            meters.processed.increment();
            meters.success.increment();
            time(meters.succeeded);
        }

        @Override
        public void reportFailure(Throwable cause) {
            meters.processed.increment();
            meters.failure.increment();
            time(meters.failed);
        }

        @Override
        public void reportIgnored() {
            meters.ignored.increment();
            time(meters.skipped);
        }

        private void time(Timer outcome) {
            long took = clock.monotonicTime() - start;
            meters.all.record(took, TimeUnit.NANOSECONDS);
            outcome.record(took, TimeUnit.NANOSECONDS);
        }
    }
}
