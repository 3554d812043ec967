package io.chariot.runtime.distribution;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * How the event store's events reach Kafka. axon-kafka registers its publishing processor with Axon's defaults, a
 * batch of one event: every event then pays a whole unit of work — a wait for the broker's acknowledgement and a
 * token commit in PostgreSQL — and that round trip, not Kafka, capped the whole read side. In a batch the sends go out
 * together and the unit of work waits for all their acknowledgements once, before the one token commit: nothing is
 * marked published that Kafka has not acknowledged, and a failed batch is sent again whole (consumers are idempotent).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaPublishing.Settings.class, ConsumerSettings.class})
public class KafkaPublishing {

    /** The topic's offsets and cluster, for the health check, processing lag and rebuilds' hand-back to the topic. */
    @Bean(destroyMethod = "close")
    KafkaLiveSource kafkaLiveSource(KafkaProperties kafka) {
        return new KafkaLiveSource(String.join(",", kafka.getBootstrapServers()), kafka.getDefaultTopic());
    }

    /**
     * Takes the place of axon-kafka's publisher (its bean stands aside for this one). Off where
     * {@code axon.kafka.publisher.enabled=false}: the services that store no events of their own (ADR 0024).
     */
    @Bean(destroyMethod = "shutDown")
    @ConditionalOnProperty(name = "axon.kafka.publisher.enabled", matchIfMissing = true)
    @SuppressWarnings("unchecked")
    KafkaPublisher<String, byte[]> kafkaPublisher(ProducerFactory<?, ?> producers, KafkaMessageConverter<?, ?> converter,
                                                  TopicResolver topics, org.axonframework.config.Configuration axon,
                                                  Settings settings) {
        return new BatchAcknowledgedKafkaPublisher((ProducerFactory<String, byte[]>) producers,
                (KafkaMessageConverter<String, byte[]>) converter, topics,
                axon.messageMonitor(KafkaPublisher.class, "kafkaPublisher"), settings.ackTimeout());
    }

    /** Each record decoded once per process rather than once per read model (see {@link SharedDecoding}). */
    @Bean
    static BeanPostProcessor sharedKafkaDecoding(ObjectProvider<ConsumerSettings> settings,
                                                 ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings("unchecked")
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof KafkaMessageConverter<?, ?> converter && !(bean instanceof SharedDecoding)) {
                    int entries = settings.getObject().decodedCacheSize();
                    if (entries == 0) {
                        return bean;
                    }
                    var shared = new SharedDecoding((KafkaMessageConverter<String, byte[]>) converter, entries);
                    // cache_gets{cache="kafka-decoded",result="hit|miss"}: how many decodes the sharing saved
                    meters.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, shared.cache(),
                            "kafka-decoded"));
                    return shared;
                }
                return bean;
            }
        };
    }

    @Bean
    @ConditionalOnProperty(name = "axon.kafka.publisher.enabled", matchIfMissing = true)
    ConfigurerModule kafkaPublisherBatches(Settings settings) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                KafkaEventPublisher.DEFAULT_PROCESSING_GROUP,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(settings.batchSize()));
    }

    /**
     * @param batchSize  events the publisher sends per unit of work (one acknowledgement wait, one token commit)
     * @param ackTimeout how long a batch may wait for Kafka's acknowledgements before it is sent again
     */
    @ConfigurationProperties("chariot.kafka.publisher")
    public record Settings(@DefaultValue("100") int batchSize, @DefaultValue("30s") Duration ackTimeout) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("chariot.kafka.publisher.batch-size must be at least 1, not "
                        + batchSize);
            }
        }
    }
}
