package io.chariot.sagas.axon;

import io.chariot.consistency.ConsistencyProperties;
import io.chariot.consistency.failure.ProcessingFailures;
import io.chariot.consistency.failure.RetryingErrorHandler;
import io.chariot.consistency.failure.TransientFailures;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gives every saga group the projections' "nothing lost" behaviour: transient failures retried on the spot, other
 * failures parked per saga instance ({@link SagaFailures}), later events of a parked instance parked behind it
 * ({@link ParkBehind}). The group's queue is the one the consistency module gives every streaming group (same table,
 * same shape), so a saga group must be configured as a tracking processor.
 */
public final class SagaParkingModule implements ConfigurerModule {

    private final Map<String, List<Class<?>>> sagasByGroup;
    private final TransientFailures transientFailures;
    private final ProcessingFailures failures;
    private final ConsistencyProperties properties;

    public SagaParkingModule(List<SagaGroup> groups, TransientFailures transientFailures,
                             ProcessingFailures failures, ConsistencyProperties properties) {
        this.sagasByGroup = SagaGroup.byName(groups);
        this.transientFailures = transientFailures;
        this.failures = failures;
        this.properties = properties;
    }

    @Override
    public void configureModule(Configurer configurer) {
        EventProcessingConfigurer processing = configurer.eventProcessing();
        sagasByGroup.forEach((group, types) -> {
            processing.registerListenerInvocationErrorHandler(group, config -> new SagaFailures(
                    new RetryingErrorHandler(group, transientFailures, failures, properties.retry().initialDelay(),
                            properties.retry().maxDelay(), () -> running(config, group)),
                    transientFailures, queue(config, group)));
            processing.registerHandlerInterceptor(group, config -> new ParkBehind(
                    types.stream().<ParkBehind.SagaType<?>>map(type -> sagaType(config, type)).toList(),
                    queue(config, group)));
        });
    }

    private static <T> ParkBehind.SagaType<T> sagaType(Configuration config, Class<T> type) {
        return ParkBehind.SagaType.of(type,
                () -> config.eventProcessingConfiguration().sagaConfiguration(type).store());
    }

    private static Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue(Configuration config, String group) {
        return () -> config.eventProcessingConfiguration().deadLetterQueue(group).orElseThrow(() ->
                new IllegalStateException("saga group " + group + " has no dead-letter queue: configure it as a "
                        + "tracking processor"));
    }

    private static boolean running(Configuration config, String group) {
        EventProcessor processor = config.eventProcessingConfiguration().eventProcessors().get(group);
        return processor == null || processor.isRunning();
    }
}
