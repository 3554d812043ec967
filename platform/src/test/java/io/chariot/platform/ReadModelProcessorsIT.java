package io.chariot.platform;

import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read model of the catalogue — today's and any added later — gets the processor the read side was built
 * for, set once in code rather than per read model in application.yml: tracking, on the Kafka source, 100 events per
 * batch, with its dead-letter queue (so it can never skip an event).
 */
class ReadModelProcessorsIT extends PlatformIntegrationTest {

    @Autowired
    ReadModels readModels;
    @Autowired
    EventProcessingConfiguration processing;
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
}
