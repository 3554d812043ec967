package io.chariot.runtime.distribution;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The read models' Kafka source as axon-kafka's auto-configuration builds it (same topic, serializer, consumers,
 * fetcher and converter; its bean then backs off), with two changes: records reach the processors in the order they
 * were fetched ({@link FetchOrderBuffer}), so the position a processor stores never claims a record it has not
 * applied; and the processors at the head of the topic share one consumer ({@link SharedHeadSource}).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(StreamableKafkaMessageSource.class)
@ConditionalOnProperty(name = "axon.kafka.fetcher.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ConsumerSettings.class)
public class FetchOrderSourceAutoConfiguration {

    /**
     * The processors' source: one shared consumer at the head of the topic ({@link SharedHeadSource}), each
     * processor's own consumer in fetch order while it is behind — or always, where
     * {@code chariot.kafka.consumer.shared-head-size=0}.
     */
    @Bean(destroyMethod = "close")
    @SuppressWarnings({"unchecked", "rawtypes"})
    StreamableKafkaMessageSource<?, ?> streamableKafkaMessageSource(
            KafkaProperties properties, @Qualifier("eventSerializer") Serializer serializer,
            ConsumerFactory<?, ?> consumerFactory, Fetcher<?, ?, KafkaEventMessage> fetcher,
            KafkaMessageConverter<?, ?> messageConverter, ConsumerSettings consumers,
            ObjectProvider<MeterRegistry> meters) {
        int capacity = properties.getFetcher().getBufferSize();
        StreamableKafkaMessageSource.Builder own = StreamableKafkaMessageSource.builder()
                .topics(List.of(properties.getDefaultTopic()))
                .serializer(serializer)
                .consumerFactory((ConsumerFactory) consumerFactory)
                .fetcher((Fetcher) fetcher)
                .messageConverter((KafkaMessageConverter) messageConverter)
                .bufferFactory(() -> new FetchOrderBuffer(capacity));
        Supplier<TopicHead> heads = consumers.sharedHeadSize() == 0 ? () -> null
                : SharedHeadSource.heads(() -> ((ConsumerFactory<String, byte[]>) consumerFactory).createConsumer(null),
                        properties.getDefaultTopic(), (KafkaMessageConverter<String, byte[]>) messageConverter,
                        consumers.sharedHeadSize());
        var source = new SharedHeadSource(own, heads, Duration.ofSeconds(10), System::nanoTime);
        // chariot_kafka_consumer_streams{on="head|own"}: the processors' streams on the shared consumer and on their own
        meters.ifAvailable(registry -> {
            for (boolean onHead : new boolean[] {true, false}) {
                Gauge.builder("chariot.kafka.consumer.streams", source, s -> s.streams(onHead))
                        .tag("on", onHead ? "head" : "own")
                        .description("Processors' Kafka streams on the shared head of the topic, or on their own consumer")
                        .register(registry);
            }
        });
        return source;
    }
}
