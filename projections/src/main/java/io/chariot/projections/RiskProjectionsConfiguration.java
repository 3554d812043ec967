package io.chariot.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.projections.dynamodb.DynamoDbRiskProjection;
import io.chariot.projections.dynamodb.TableSpace;
import io.chariot.projections.generation.ReadGenerations;
import io.chariot.projections.neo4j.Neo4jRiskProjection;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import io.chariot.projections.redis.CountBuckets;
import io.chariot.projections.redis.RedisRiskCountsProjection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import static io.chariot.projections.ProjectionsConfiguration.live;

/**
 * The risk read models (processing groups risks-dynamodb, risks-neo4j, risks-redis) on the shared writers of
 * {@link ProjectionsConfiguration}; each ensures its schema before events flow.
 */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class RiskProjectionsConfiguration {

    @Bean
    DynamoDbRiskProjection dynamoDbRiskProjection(TableSpace space, ReadGenerations generations) {
        return live(new DynamoDbRiskProjection(space), generations);
    }

    @Bean
    Neo4jRiskProjection neo4jRiskProjection(SequencedGraphWriter graph, ObjectProvider<ObjectMapper> mapper,
                                            ReadGenerations generations) {
        return live(new Neo4jRiskProjection(graph, mapper.getIfAvailable(ObjectMapper::new)), generations);
    }

    @Bean
    RedisRiskCountsProjection redisRiskCountsProjection(CountBuckets buckets, ReadGenerations generations) {
        return live(new RedisRiskCountsProjection(buckets), generations);
    }
}
