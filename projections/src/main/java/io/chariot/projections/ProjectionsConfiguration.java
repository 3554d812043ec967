package io.chariot.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.consistency.failure.TransientFailures;
import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.projections.dynamodb.DynamoDbAssetProjection;
import io.chariot.projections.dynamodb.LiveTableWriters;
import io.chariot.projections.dynamodb.TableReadModel;
import io.chariot.projections.dynamodb.TableSpace;
import io.chariot.projections.generation.ReadGenerations;
import io.chariot.projections.neo4j.GraphReadModel;
import io.chariot.projections.neo4j.LiveGraphBatches;
import io.chariot.projections.neo4j.Neo4jAssetProjection;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import io.chariot.projections.rebuild.RebuildCheckpoints;
import io.chariot.projections.processing.LiveBatch;
import io.chariot.projections.processing.LiveBatches;
import io.chariot.projections.processing.ReadModelProcessors;
import io.chariot.projections.redis.CountBuckets;
import io.chariot.projections.redis.CountsReadModel;
import io.chariot.projections.redis.RedisAssetCountsProjection;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import io.chariot.projections.instances.InstanceFollower;
import io.chariot.projections.instances.InstanceSettings;
import io.chariot.projections.instances.PeerPauses;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Registers the read models, each on its live generation (the read alias in PostgreSQL), and makes sure their
 * tables, constraints and scripts exist before events flow.
 */
@AutoConfiguration(after = {ReadStoreConfiguration.class, JdbcTemplateAutoConfiguration.class,
        TransactionAutoConfiguration.class})
@EnableConfigurationProperties(InstanceSettings.class)
public class ProjectionsConfiguration {

    @Bean
    ReadGenerations readGenerations(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new ReadGenerations(jdbc, tx);
    }

    /** Pause requests between this deployment's instances (a rebuild stops a group's processor on every one). */
    @Bean
    PeerPauses peerPauses(JdbcTemplate jdbc, InstanceSettings settings) {
        return new PeerPauses(jdbc, settings);
    }

    /** Follows the read alias and the pauses other instances ask for. */
    @Bean
    InstanceFollower instanceFollower(ReadModels models, ReadGenerations generations, PeerPauses pauses,
                                      ObjectProvider<EventProcessingConfiguration> processing,
                                      InstanceSettings settings) {
        return new InstanceFollower(models, generations, pauses, Optional.ofNullable(processing.getIfAvailable()),
                settings);
    }

    @Bean
    RebuildCheckpoints rebuildCheckpoints(JdbcTemplate jdbc) {
        return new RebuildCheckpoints(jdbc);
    }

    @Bean
    TableSpace tableSpace(DynamoDbClient dynamo, ReadStoreConfiguration.DynamoDb settings) {
        return new TableSpace(dynamo, settings.table());
    }

    /** The shared table of generation 0 (ADR 0002). */
    @Bean
    ChariotTable chariotTable(TableSpace space) {
        return new ChariotTable(space.dynamo(), space.baseTable());
    }

    /**
     * Grouped writes per batch for the table and count read models' processors ({@link LiveBatches}, ADR 0029): a
     * table model's writes go side by side ({@code chariot.dynamodb.live-writers}, 0 turns it off), a count model's
     * go as one Redis pipeline ({@code chariot.redis.live-pipelines}). The groups come from the bean definitions, so
     * no read model is created this early.
     */
    @Bean
    ConfigurerModule liveBatches(ConfigurableListableBeanFactory beans, ReadStoreConfiguration.DynamoDb dynamoDb,
                                 ReadStoreConfiguration.Redis redis, ObjectProvider<LiveTableWriters> writers) {
        Map<String, Supplier<LiveBatch>> openers = new java.util.LinkedHashMap<>();
        if (dynamoDb.liveWriters() > 0) {
            ReadModelProcessors.groupsOf(beans, TableReadModel.class).forEach((group, bean) ->
                    openers.put(group, () -> writers.getObject().openBatch()));
        }
        if (redis.livePipelines()) {
            ReadModelProcessors.groupsOf(beans, CountsReadModel.class).forEach((group, bean) ->
                    openers.put(group, () -> beans.getBean(bean, CountsReadModel.class).openLiveBatch()));
        }
        return configurer -> openers.forEach((group, opener) -> configurer.eventProcessing()
                .registerHandlerInterceptor(group, config -> new LiveBatches(group, opener)));
    }

    @Bean(destroyMethod = "close")
    LiveTableWriters liveTableWriters(ReadStoreConfiguration.DynamoDb settings) {
        return new LiveTableWriters(Math.max(1, settings.liveWriters()));
    }

    @Bean
    DynamoDbAssetProjection dynamoDbAssetProjection(TableSpace space, ReadGenerations generations) {
        return live(new DynamoDbAssetProjection(space), generations);
    }

    @Bean
    SequencedGraphWriter sequencedGraphWriter(Driver driver, ObjectProvider<ObjectMapper> mapper,
                                              ReadStoreConfiguration.Neo4j neo4j) {
        return new SequencedGraphWriter(driver, mapper.getIfAvailable(ObjectMapper::new), neo4j.groupedStatements());
    }

    /**
     * One Neo4j transaction per batch of each graph read model's processor ({@link LiveGraphBatches}), its like
     * statements grouped ({@code chariot.neo4j.grouped-statements}, ADR 0030);
     * {@code chariot.neo4j.live-batches=false} gives every event its own transaction again.
     */
    @Bean
    ConfigurerModule liveGraphBatches(Driver driver, ReadStoreConfiguration.Neo4j neo4j) {
        if (!neo4j.liveBatches()) {
            return configurer -> { };
        }
        return configurer -> GraphReadModel.GRAPH.forEach(group -> configurer.eventProcessing()
                .registerHandlerInterceptor(group,
                        config -> new LiveGraphBatches(group, driver, neo4j.groupedStatements())));
    }

    @Bean
    Neo4jAssetProjection neo4jAssetProjection(SequencedGraphWriter graph, ReadGenerations generations) {
        return live(new Neo4jAssetProjection(graph), generations);
    }

    @Bean
    CountBuckets countBuckets(RedissonClient redis) {
        return new CountBuckets(redis);
    }

    @Bean
    RedisAssetCountsProjection redisAssetCountsProjection(CountBuckets buckets, ReadGenerations generations) {
        return live(new RedisAssetCountsProjection(buckets), generations);
    }

    @Bean
    EventStoreReplayer eventStoreReplayer(EventStore eventStore, TransientFailures transientFailures) {
        return new EventStoreReplayer(eventStore, transientFailures::isTransient);
    }

    @Bean
    ReadModels readModels(List<ReadModel> models) {
        return new ReadModels(models);
    }

    /** Points a read model at its live generation and makes sure its schema exists. */
    public static <T extends ReadModel> T live(T model, ReadGenerations generations) {
        model.useGeneration(generations.live(model.name()));
        model.ensureSchema();
        return model;
    }
}
