package io.chariot.projections;

import io.chariot.projections.dynamodb.DynamoDbPreseedProjection;
import io.chariot.projections.dynamodb.SequencedTableWriter;
import io.chariot.projections.neo4j.Neo4jPreseedProjection;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The preseed read models (processing groups preseeds-dynamodb and preseeds-neo4j): Chariot keeps preseeds both as
 * table items and as graph nodes. Seeds need none of their own: they are assets (source seed, label Seed).
 */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class PreseedProjectionsConfiguration {

    @Bean
    DynamoDbPreseedProjection dynamoDbPreseedProjection(SequencedTableWriter writer) {
        return init(new DynamoDbPreseedProjection(writer));
    }

    @Bean
    Neo4jPreseedProjection neo4jPreseedProjection(SequencedGraphWriter graph) {
        return init(new Neo4jPreseedProjection(graph));
    }

    private static <T extends ReadModel> T init(T model) {
        model.ensureSchema();
        return model;
    }
}
