package io.chariot.runtime.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Axon's dimensional metrics, meter for meter, except that the {@code *_capacity} gauges look at the last
 * {@value #CAPACITY_WINDOW_SECONDS} seconds instead of Axon's 10 minutes. A {@link CapacityMonitor} keeps one
 * skip-list entry per message for its whole window: at a few hundred commands per second, with the command bus and
 * every event processor each keeping their own, 10 minutes is millions of live entries in a 1 GiB heap, a steadily
 * filling old generation and a slower insert per message (BENCHMARKS.md).
 */
public class BoundedCapacityMetricRegistry extends GlobalMetricRegistry {

    static final long CAPACITY_WINDOW_SECONDS = 10;

    public BoundedCapacityMetricRegistry(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String name, Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
        // The same monitors, in the same order, as GlobalMetricRegistry's.
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(getRegistry())
                        .tagsBuilder(latencyTags).build(),
                capacity(name, tags),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name,
                                                                        Function<Message<?>, Iterable<Tag>> tags) {
        return handlerMonitor(name, tags);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name,
                                                                        Function<Message<?>, Iterable<Tag>> tags) {
        return handlerMonitor(name, tags);
    }

    private MessageMonitor<Message<?>> handlerMonitor(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                capacity(name, tags),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
    }

    private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return CapacityMonitor.buildMonitor(name, getRegistry(), CAPACITY_WINDOW_SECONDS, TimeUnit.SECONDS, tags);
    }
}
