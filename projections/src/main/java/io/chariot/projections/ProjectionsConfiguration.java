package io.chariot.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.projections.dynamodb.DynamoDbAssetProjection;
import io.chariot.projections.dynamodb.SequencedTableWriter;
import io.chariot.projections.neo4j.Neo4jAssetProjection;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import io.chariot.projections.redis.CountBuckets;
import io.chariot.projections.redis.RedisAssetCountsProjection;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

/** Registers the read models and makes sure their tables, constraints and scripts exist before events flow. */
@AutoConfiguration(after = ReadStoreConfiguration.class)
public class ProjectionsConfiguration {

    @Bean
    ChariotTable chariotTable(DynamoDbClient dynamo, @Value("${chariot.dynamodb.table:chariot}") String name) {
        return new ChariotTable(dynamo, name);
    }

    @Bean
    SequencedTableWriter sequencedTableWriter(DynamoDbClient dynamo, ChariotTable table) {
        return new SequencedTableWriter(dynamo, table);
    }

    @Bean
    DynamoDbAssetProjection dynamoDbAssetProjection(SequencedTableWriter writer) {
        return init(new DynamoDbAssetProjection(writer));
    }

    @Bean
    SequencedGraphWriter sequencedGraphWriter(Driver driver, ObjectProvider<ObjectMapper> mapper) {
        return new SequencedGraphWriter(driver, mapper.getIfAvailable(ObjectMapper::new));
    }

    @Bean
    Neo4jAssetProjection neo4jAssetProjection(SequencedGraphWriter graph) {
        return init(new Neo4jAssetProjection(graph));
    }

    @Bean
    CountBuckets countBuckets(RedissonClient redis) {
        return new CountBuckets(redis);
    }

    @Bean
    RedisAssetCountsProjection redisAssetCountsProjection(CountBuckets buckets) {
        return init(new RedisAssetCountsProjection(buckets));
    }

    @Bean
    EventStoreReplayer eventStoreReplayer(EventStore eventStore) {
        return new EventStoreReplayer(eventStore);
    }

    @Bean
    ReadModels readModels(List<ReadModel> models) {
        return new ReadModels(models);
    }

    private static <T extends ReadModel> T init(T model) {
        model.ensureSchema();
        return model;
    }
}
