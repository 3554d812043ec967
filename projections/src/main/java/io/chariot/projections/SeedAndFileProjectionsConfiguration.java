package io.chariot.projections;

import io.chariot.projections.dynamodb.DynamoDbFileProjection;
import io.chariot.projections.dynamodb.DynamoDbPreseedProjection;
import io.chariot.projections.dynamodb.TableSpace;
import io.chariot.projections.generation.ReadGenerations;
import io.chariot.projections.neo4j.Neo4jPreseedProjection;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import static io.chariot.projections.ProjectionsConfiguration.live;

/**
 * The preseed read models (processing groups preseeds-dynamodb and preseeds-neo4j): Chariot keeps preseeds both as
 * table items and as graph nodes. Seeds need none of their own: they are assets (source seed, label Seed). Also the
 * file listing (files-dynamodb): Chariot keeps file records in its table only.
 */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class SeedAndFileProjectionsConfiguration {

    @Bean
    DynamoDbPreseedProjection dynamoDbPreseedProjection(TableSpace space, ReadGenerations generations) {
        return live(new DynamoDbPreseedProjection(space), generations);
    }

    @Bean
    Neo4jPreseedProjection neo4jPreseedProjection(SequencedGraphWriter graph, ReadGenerations generations) {
        return live(new Neo4jPreseedProjection(graph), generations);
    }

    @Bean
    DynamoDbFileProjection dynamoDbFileProjection(TableSpace space, ReadGenerations generations) {
        return live(new DynamoDbFileProjection(space), generations);
    }
}
