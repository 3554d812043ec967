package io.chariot.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.consistency.applied.RedisAppliedEvents;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Configuration;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.consistency.applied.AppliedEvents;
import io.chariot.consistency.applied.AppliedEventsInterceptor;
import io.chariot.consistency.applied.LocalAppliedEvents;
import io.chariot.consistency.failure.NoSkipProcessing;
import io.chariot.consistency.failure.ParkedEvents;
import io.chariot.consistency.failure.ProcessingFailures;
import io.chariot.consistency.failure.TransientFailures;
import io.chariot.consistency.tokens.AsyncTokenCommits;
import io.chariot.consistency.web.HandlingReadModels;
import io.chariot.consistency.web.ReadYourWritesFilter;
import io.chariot.consistency.web.VisibilityRequirements;
import io.chariot.consistency.written.RecordingCommandGateway;
import io.chariot.consistency.written.WriteCollectors;
import io.chariot.consistency.written.WrittenEventsInterceptor;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Wires the read-side guarantees into any Chariot deployable: no processing group can skip an event, and writes
 * answer once they are visible. Each piece stands on Axon's own extension points (interceptors, error handlers,
 * dead-letter queues), so nothing here knows a particular aggregate or read model.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
@EnableConfigurationProperties(ConsistencyProperties.class)
public class ConsistencyAutoConfiguration {

    @Bean
    WriteCollectors writeCollectors() {
        return new WriteCollectors();
    }

    @Bean
    @ConditionalOnMissingBean
    AppliedEvents appliedEvents(ConsistencyProperties properties) {
        return localAppliedEvents(properties);
    }

    private static LocalAppliedEvents localAppliedEvents(ConsistencyProperties properties) {
        return new LocalAppliedEvents(properties.remembered(), java.time.Duration.ofMinutes(2));
    }

    /**
     * {@code chariot.consistency.applied-events=redis}: read-model reports shared by every process over Redis, for
     * deployments whose projections run apart from the command side (one JVM needs none of it, the default).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedissonClient.class)
    @ConditionalOnProperty(name = "chariot.consistency.applied-events", havingValue = "redis")
    public static class AcrossProcesses {

        @Bean(destroyMethod = "close")
        RedisAppliedEvents redisAppliedEvents(ConsistencyProperties properties, RedissonClient redis,
                                         ObjectProvider<ObjectMapper> json) {
            return new RedisAppliedEvents(localAppliedEvents(properties), redis,
                    json.getIfAvailable(ObjectMapper::new));
        }
    }

    @Bean
    ProcessingFailures processingFailures(AppliedEvents applied) {
        ProcessingFailures failures = new ProcessingFailures(Clock.systemUTC());
        failures.addListener(new ProcessingFailures.Listener() {
            @Override
            public void failing(String group, String cause) {
                // the writer learns which read model is behind, not the exception: that is for the health endpoint
                // and the log, which operators read (HostileInputIT: no internal names in an answer)
                applied.failing(group, "its store is failing");
            }

            @Override
            public void recovered(String group) {
                applied.recovered(group);
            }
        });
        return failures;
    }

    @Bean
    TransientFailures transientFailures(List<TransientFailures.Rule> rules) {
        return new TransientFailures(rules);
    }

    /** The events a command stored travel back to its sender in the result's metadata. */
    @Bean
    WrittenEventsInterceptor writtenEventsInterceptor() {
        return new WrittenEventsInterceptor();
    }

    @Bean
    InitializingBean writtenEventsRegistration(CommandBus commandBus, EventBus eventBus,
                                               WrittenEventsInterceptor interceptor) {
        return () -> {
            commandBus.registerHandlerInterceptor(interceptor);
            eventBus.registerDispatchInterceptor(interceptor);
        };
    }

    @Bean
    @ConditionalOnMissingBean
    CommandGateway commandGateway(CommandBus commandBus, WriteCollectors collectors) {
        return new RecordingCommandGateway(commandBus, collectors);
    }

    /** Every read model's processor reports what it applied (or parked). */
    @Bean
    ConfigurerModule appliedEventsReporting(AppliedEvents applied, ObjectProvider<ReadModelCatalog> catalog) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) ->
                readModelGroups(catalog).contains(processor) ? new AppliedEventsInterceptor(processor, applied)
                        : (unitOfWork, chain) -> chain.proceed());
    }

    /**
     * Read-model processors and the Kafka publisher commit their tokens without waiting for a disk flush (see
     * {@link AsyncTokenCommits} for why that loses nothing); {@code chariot.consistency.async-token-commits=false}
     * turns it off.
     */
    @Bean
    @ConditionalOnProperty(name = "chariot.consistency.async-token-commits", matchIfMissing = true)
    ConfigurerModule asyncTokenCommits(ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<ReadModelCatalog> catalog) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) ->
                readModelGroups(catalog).contains(processor) || processor.equals(KAFKA_PUBLISHER)
                        ? new AsyncTokenCommits(jdbc.getObject()) : (unitOfWork, chain) -> chain.proceed());
    }

    /** The processing group of axon-kafka's publisher (KafkaEventPublisher.DEFAULT_PROCESSING_GROUP). */
    private static final String KAFKA_PUBLISHER = "__axon-kafka-event-publishing-group";

    /** Registered before Axon's JDBC auto-configuration, whose own provider module then stands aside. */
    @Bean
    NoSkipProcessing noSkipProcessing(EventProcessorProperties processors, ConnectionProvider connections,
                                      TransactionManager transactions, ObjectProvider<DeadLetterSchema> schema,
                                      @Qualifier("eventSerializer") Serializer eventSerializer,
                                      Serializer genericSerializer, TransientFailures transientFailures,
                                      ProcessingFailures failures, ConsistencyProperties properties) {
        return new NoSkipProcessing(processors, connections, transactions,
                schema.getIfAvailable(DeadLetterSchema::defaultSchema), eventSerializer, genericSerializer,
                transientFailures, failures, properties);
    }

    @Bean
    ParkedEvents parkedEvents(EventProcessingConfiguration processing, AppliedEvents applied) {
        return new ParkedEvents(processing, applied);
    }

    @Bean
    @ConditionalOnMissingBean
    VisibilityRequirements visibilityRequirements(EventProcessingConfiguration processing,
                                                  ObjectProvider<ReadModelCatalog> catalog) {
        return new HandlingReadModels(processing, () -> readModelGroups(catalog));
    }

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<ReadYourWritesFilter> readYourWritesFilter(WriteCollectors collectors,
                                                                      AppliedEvents applied,
                                                                      VisibilityRequirements requirements,
                                                                      ObjectProvider<RebuildsInPlace> rebuilds,
                                                                      ConsistencyProperties properties,
                                                                      ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new ReadYourWritesFilter(collectors, applied, requirements,
                rebuilds.getIfAvailable(() -> RebuildsInPlace.NONE), properties.visibilityTimeout(),
                properties.retryAfter(), json));
        // Inside security and tracing: an unauthenticated request never waits, and the wait is part of the trace.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }

    private static Set<String> readModelGroups(ObjectProvider<ReadModelCatalog> catalog) {
        ReadModelCatalog readModels = catalog.getIfAvailable();
        return readModels == null ? Set.of() : readModels.processingGroups();
    }
}
