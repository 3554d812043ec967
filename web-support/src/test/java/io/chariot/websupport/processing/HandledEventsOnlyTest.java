package io.chariot.websupport.processing;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class HandledEventsOnlyTest {

    record KeyIssued(String id) {
    }

    record AssetSeen(String key) {
    }

    /** A subscribing group's handler: it takes key events only. */
    static final class Keys {
        final List<String> issued = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(KeyIssued event) {
            issued.add(event.id());
        }
    }

    private Configuration configuration;

    @AfterEach
    void shutDown() {
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    @Test
    void aSubscribingGroupGetsTheEventsItHandlesInOrderAndNoUnitOfWorkForTheOthers() {
        Keys keys = new Keys();
        List<Object> unitsOfWork = new CopyOnWriteArrayList<>();
        MessageHandlerInterceptor<EventMessage<?>> seen = (unitOfWork, chain) -> {
            unitsOfWork.add(unitOfWork.getMessage().getPayload());
            return chain.proceed();
        };
        var configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureEventBus(c -> SimpleEventBus.builder().build());
        configurer.eventProcessing(processing -> {
            HandledEventsOnly.registerSubscribing(processing, "keys");
            processing.registerEventHandler(c -> keys).assignHandlerInstancesMatching("keys", h -> h == keys)
                    .registerHandlerInterceptor("keys", c -> seen);
        });
        configuration = configurer.start();

        configuration.eventBus().publish(GenericEventMessage.asEventMessage(new AssetSeen("a")),
                GenericEventMessage.asEventMessage(new KeyIssued("k1")),
                GenericEventMessage.asEventMessage(new AssetSeen("b")),
                GenericEventMessage.asEventMessage(new KeyIssued("k2")));
        configuration.eventBus().publish(GenericEventMessage.asEventMessage(new AssetSeen("c")));

        assertThat(keys.issued).containsExactly("k1", "k2");
        assertThat(unitsOfWork).containsExactly(new KeyIssued("k1"), new KeyIssued("k2"));
    }
}
