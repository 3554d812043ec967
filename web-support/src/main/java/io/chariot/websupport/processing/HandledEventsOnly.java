package io.chariot.websupport.processing;

import org.axonframework.common.Registration;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.SubscribableMessageSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The event bus as one subscribing processor's source, handing it only the events one of its handlers takes.
 * <p>
 * A subscribing processor runs inside the command that publishes, and Axon gives it every event: each in a unit of
 * work, through every processor interceptor and monitor, to find no handler. With four subscribing groups that handle
 * a few account, job and file events, that was ~5 % of the platform's CPU under asset load (BENCHMARKS.md). Tracking
 * processors skip such events before their unit of work already.
 */
public final class HandledEventsOnly implements SubscribableMessageSource<EventMessage<?>> {

    private final Configuration configuration;
    private final String processor;
    private final Map<Class<?>, Boolean> handled = new ConcurrentHashMap<>();

    private HandledEventsOnly(Configuration configuration, String processor) {
        this.configuration = configuration;
        this.processor = processor;
    }

    /** Registers {@code processor} (its processing group's name) as a subscribing processor fed by this source. */
    public static void registerSubscribing(EventProcessingConfigurer processing, String processor) {
        processing.registerSubscribingEventProcessor(processor, configuration ->
                new HandledEventsOnly(configuration, processor));
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> eventProcessor) {
        return configuration.eventBus().subscribe(events -> {
            List<? extends EventMessage<?>> taken = events.stream().filter(this::handles).toList();
            if (!taken.isEmpty()) {
                eventProcessor.accept(taken);
            }
        });
    }

    private boolean handles(EventMessage<?> event) {
        return handled.computeIfAbsent(event.getPayloadType(), type -> invoker().canHandleType(type));
    }

    private EventHandlerInvoker invoker() {
        // Looked up when the first event arrives: the processor is built after its source.
        return configuration.eventProcessingConfiguration()
                .eventProcessor(processor, SubscribingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no subscribing processor " + processor))
                .eventHandlerInvoker();
    }
}
