package io.chariot.runtime.distribution;

import java.util.List;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The read models' Kafka source as axon-kafka's auto-configuration builds it (same topic, serializer, consumers,
 * fetcher and converter; its bean then backs off), with one change: records reach the processors in the order they
 * were fetched ({@link FetchOrderBuffer}), so the position a processor stores never claims a record it has not
 * applied.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(StreamableKafkaMessageSource.class)
@ConditionalOnProperty(name = "axon.kafka.fetcher.enabled", havingValue = "true", matchIfMissing = true)
public class FetchOrderSourceAutoConfiguration {

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    StreamableKafkaMessageSource<?, ?> streamableKafkaMessageSource(
            KafkaProperties properties, @Qualifier("eventSerializer") Serializer serializer,
            ConsumerFactory<?, ?> consumerFactory, Fetcher<?, ?, KafkaEventMessage> fetcher,
            KafkaMessageConverter<?, ?> messageConverter) {
        int capacity = properties.getFetcher().getBufferSize();
        return StreamableKafkaMessageSource.builder()
                .topics(List.of(properties.getDefaultTopic()))
                .serializer(serializer)
                .consumerFactory((ConsumerFactory) consumerFactory)
                .fetcher((Fetcher) fetcher)
                .messageConverter((KafkaMessageConverter) messageConverter)
                .bufferFactory(() -> new FetchOrderBuffer(capacity))
                .build();
    }
}
