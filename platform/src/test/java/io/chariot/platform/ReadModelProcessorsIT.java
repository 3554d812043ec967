package io.chariot.platform;

import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every read model of the catalogue — today's and any added later — gets the processor the read side was built
 * for, set once in code rather than per read model in application.yml: tracking, on the Kafka source, 100 events per
 * batch, with its dead-letter queue (so it can never skip an event) — and, once caught up, reading from the one
 * consumer the processors at the head of the topic share (ADR 0028).
 */
class ReadModelProcessorsIT extends PlatformIntegrationTest {

    @Autowired
    ReadModels readModels;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry meters;
    @Autowired
    @Qualifier("streamableKafkaMessageSource")
    StreamableMessageSource<TrackedEventMessage<?>> kafka;

    @Test
    void everyReadModelIsATrackingProcessorOnTheKafkaSourceInBatchesOfAHundredWithADeadLetterQueue() {
        assertThat(readModels.all()).isNotEmpty();
        for (ReadModel model : readModels.all()) {
            String group = model.processingGroup();
            var processor = processing.eventProcessor(group, TrackingEventProcessor.class);
            assertThat(processor).as(group).isPresent();
            assertThat(processor.get().getMessageSource()).as(group).isSameAs(kafka);
            assertThat(processor.get()).as(group).extracting("batchSize").isEqualTo(100);
            assertThat(processing.deadLetterQueue(group)).as(group).isPresent();
        }
    }

    @Test
    void theProcessorsAtTheHeadOfTheTopicReadFromOneSharedConsumer() {
        ChariotClient cli = newTenant();
        assertThat(cli.put("/asset", "{\"group\":\"shared-head.example\",\"identifier\":\"10.30.0.1\"}").status())
                .isEqualTo(200);

        // every processor is caught up after a read-your-writes write: none needs a consumer of its own
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(meters.get("chariot.kafka.consumer.streams").tag("on", "own").gauge().value()).isZero();
            assertThat(meters.get("chariot.kafka.consumer.streams").tag("on", "head").gauge().value())
                    .isGreaterThanOrEqualTo(readModels.all().size());
        });
    }
}
