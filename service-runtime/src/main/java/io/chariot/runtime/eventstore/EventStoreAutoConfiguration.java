package io.chariot.runtime.eventstore;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;


/**
 * The event store as Axon's auto-configuration builds it, but tailing other processes' commits sooner. A tracking
 * processor reading the store (the Kafka publisher) hears of a commit in its own JVM at once; a commit in another
 * process it finds only on its next fetch, {@code fetchDelay} later (Axon's default 1 s). With one process per
 * service, the publisher usually runs in a different service from the command, so every write waited for that fetch
 * before its read models could see it (read-your-writes): {@link EventStoreProperties#fetchDelay()}.
 * <p>
 * An auto-configuration between Axon's: after the JDBC storage engine (which backs off when an event store exists),
 * before Axon's own event store (which backs off when this one exists).
 */
@AutoConfiguration(after = JdbcAutoConfiguration.class, before = AxonAutoConfiguration.class)
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreAutoConfiguration {

    @Bean
    @Qualifier("eventStore")
    @ConditionalOnBean(EventStorageEngine.class)
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.fetchDelay().toMillis())
                .build();
    }
}
