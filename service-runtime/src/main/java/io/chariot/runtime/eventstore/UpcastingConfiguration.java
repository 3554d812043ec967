package io.chariot.runtime.eventstore;

import io.chariot.api.EventUpcasters;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every upcaster the published language registers, applied whenever stored events are read (aggregate loading,
 * the Kafka publisher, replays), so old revisions reach handlers in their current shape.
 */
@Configuration(proxyBeanMethods = false)
class UpcastingConfiguration {

    @Bean
    EventUpcasterChain chariotEventUpcasters() {
        return EventUpcasters.chain();
    }
}
