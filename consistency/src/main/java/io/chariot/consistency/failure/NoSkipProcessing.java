package io.chariot.consistency.failure;

import io.chariot.consistency.ConsistencyProperties;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes every streaming processing group — projections and sagas, present and future — unable to skip an event:
 * handler failures propagate; transient ones are retried on the spot ({@link RetryingErrorHandler}); the rest park
 * the event in the group's JDBC dead-letter queue ({@link NeverSkipPolicy}), sequenced per aggregate so the
 * aggregate's later events wait behind it while others flow. Subscribing groups run inside the publishing command:
 * a failure there propagates and fails the command, so nothing is acknowledged half-applied.
 * <p>
 * It takes the place of Axon's own provider module (which enables queues only for groups named in properties), so
 * no group can be forgotten.
 */
public final class NoSkipProcessing extends DeadLetterQueueProviderConfigurerModule {

    private final EventProcessorProperties processors;
    private final ConnectionProvider connections;
    private final TransactionManager transactions;
    private final DeadLetterSchema schema;
    private final Serializer eventSerializer;
    private final Serializer genericSerializer;
    private final TransientFailures transientFailures;
    private final ProcessingFailures failures;
    private final ConsistencyProperties properties;

    public NoSkipProcessing(EventProcessorProperties processors, ConnectionProvider connections,
                            TransactionManager transactions, DeadLetterSchema schema, Serializer eventSerializer,
                            Serializer genericSerializer, TransientFailures transientFailures,
                            ProcessingFailures failures, ConsistencyProperties properties) {
        super(processors, group -> null);
        this.processors = processors;
        this.connections = connections;
        this.transactions = transactions;
        this.schema = schema;
        this.eventSerializer = eventSerializer;
        this.genericSerializer = genericSerializer;
        this.transientFailures = transientFailures;
        this.failures = failures;
        this.properties = properties;
    }

    @Override
    public void configureModule(Configurer configurer) {
        EventProcessingConfigurer processing = configurer.eventProcessing();
        Set<String> streaming = streamingGroups();
        processing.registerDeadLetterQueueProvider(group -> streaming.contains(group)
                ? config -> new ParkingDeadLetterQueue(JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .genericSerializer(genericSerializer)
                .eventSerializer(eventSerializer)
                .maxSequences(properties.parkedSequences())
                .maxSequenceSize(properties.parkedPerSequence())
                .build())
                : null);
        processing.registerDefaultDeadLetterPolicy(config -> new NeverSkipPolicy(transientFailures));
        // Groups without a queue (subscribing ones, inside the command) fail the command instead of logging on.
        processing.registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
        for (String group : streaming) {
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, invoker) -> invoker
                    .listenerInvocationErrorHandler(new RetryingErrorHandler(group, transientFailures, failures,
                            properties.retry().initialDelay(), properties.retry().maxDelay(),
                            running(() -> config.eventProcessingConfiguration().eventProcessors().get(group))))
                    // Remembers which aggregates have parked events, so a clean event costs no query.
                    .enableSequenceIdentifierCache()
                    .sequenceIdentifierCacheSize(properties.sequenceCache())
                    // A reset rebuilds the read model from the event store: its old parked events are obsolete.
                    .allowReset(true));
        }
    }

    /** Every group the application configures as tracking or pooled streaming. */
    private Set<String> streamingGroups() {
        Set<String> groups = new java.util.TreeSet<>();
        processors.getProcessors().forEach((name, settings) -> {
            if (settings.getMode() != EventProcessorProperties.Mode.SUBSCRIBING) {
                groups.add(name);
            }
        });
        return groups;
    }

    /** Whether the group's processor still runs (a retry stops when it does not). */
    private static java.util.function.BooleanSupplier running(Supplier<EventProcessor> processor) {
        return () -> {
            EventProcessor p = processor.get();
            return p == null || p.isRunning();
        };
    }

    @Override
    public int order() {
        // After Axon's own modules, so this provider is the one that counts.
        return Integer.MAX_VALUE;
    }
}
