package io.chariot.runtime.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMetersTest {

    record AssetSeen(String key) {
    }

    record RiskSeen(String key) {
    }

    private static final List<EventMessage<?>> EVENTS = List.of(
            GenericEventMessage.asEventMessage(new AssetSeen("a")), GenericEventMessage.asEventMessage(new AssetSeen("b")),
            GenericEventMessage.asEventMessage(new RiskSeen("c")), GenericEventMessage.asEventMessage(new AssetSeen("d")));

    /** Drives one monitor: success, failure, ignored, success — the same outcomes for either implementation. */
    private static void drive(MessageMonitor<? super EventMessage<?>> monitor) {
        List<Consumer<MessageMonitor.MonitorCallback>> outcomes = List.of(
                MessageMonitor.MonitorCallback::reportSuccess, callback -> callback.reportFailure(new IllegalStateException()),
                MessageMonitor.MonitorCallback::reportIgnored, MessageMonitor.MonitorCallback::reportSuccess);
        for (int i = 0; i < EVENTS.size(); i++) {
            outcomes.get(i).accept(monitor.onMessageIngested(EVENTS.get(i)));
        }
    }

    /** Every counter's count and every timer's count by name and tags, leaving out Axon's percentile gauges. */
    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String id = meter.getId().getName() + meter.getId().getTags();
            if (meter instanceof Counter counter) {
                counts.put(id, counter.count());
            } else if (meter instanceof Timer timer) {
                counts.put(id, (double) timer.count());
            }
        }
        return counts;
    }

    @Test
    void anEventProcessorsCountersAndTimersAreAxonsMeterForMeterWithTheSameCounts() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();

        drive(new GlobalMetricRegistry(axons).registerEventProcessor("eventProcessor",
                message -> Tags.of("processorName", "assets-dynamodb",
                        "payloadType", message.getPayloadType().getSimpleName()),
                message -> Tags.of("processorName", "assets-dynamodb")));
        drive(new BoundedCapacityMetricRegistry(ours).registerEventProcessor("eventProcessor",
                message -> Tags.of("processorName", "assets-dynamodb",
                        "payloadType", message.getPayloadType().getSimpleName()),
                message -> Tags.of("processorName", "assets-dynamodb")));

        assertThat(counts(ours)).isEqualTo(counts(axons))
                .containsEntry("eventProcessor.successCounter[tag(payloadType=AssetSeen), tag(processorName=assets-dynamodb)]", 2.0)
                .containsEntry("eventProcessor.failureCounter[tag(payloadType=AssetSeen), tag(processorName=assets-dynamodb)]", 1.0)
                .containsEntry("eventProcessor.ignoredCounter[tag(payloadType=RiskSeen), tag(processorName=assets-dynamodb)]", 1.0)
                .containsEntry("eventProcessor.allTimer[tag(payloadType=AssetSeen), tag(processorName=assets-dynamodb)]", 3.0);
    }

    @Test
    void aTagSetsMetersAreRegisteredOnceAndItsTimersKeepNoClientSidePercentiles() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MessageMeters meters = new MessageMeters("commandBus", registry,
                message -> Tags.of("payloadType", message.getPayloadType().getSimpleName()));

        drive(meters);
        int afterFirstRound = registry.getMeters().size();
        drive(meters);

        assertThat(afterFirstRound).isEqualTo(2 * 9); // two payload types, five counters and four timers each
        assertThat(registry.getMeters()).hasSize(afterFirstRound);
        Timer success = registry.get("commandBus.successTimer").tag("payloadType", "AssetSeen").timer();
        assertThat(success.count()).isEqualTo(4);
        assertThat(success.takeSnapshot().percentileValues()).isEmpty();
        assertThat(registry.get("commandBus.processedCounter").tag("payloadType", "AssetSeen").counter().count())
                .isEqualTo(6.0);
    }
}
