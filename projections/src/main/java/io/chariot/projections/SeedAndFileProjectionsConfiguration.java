package io.chariot.projections;

import io.chariot.projections.dynamodb.DynamoDbFileProjection;
import io.chariot.projections.dynamodb.DynamoDbPreseedProjection;
import io.chariot.projections.dynamodb.SequencedTableWriter;
import io.chariot.projections.neo4j.Neo4jPreseedProjection;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The preseed read models (processing groups preseeds-dynamodb and preseeds-neo4j): Chariot keeps preseeds both as
 * table items and as graph nodes. Seeds need none of their own: they are assets (source seed, label Seed). Also the
 * file listing (files-dynamodb): Chariot keeps file records in its table only.
 */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class SeedAndFileProjectionsConfiguration {

    @Bean
    DynamoDbPreseedProjection dynamoDbPreseedProjection(SequencedTableWriter writer) {
        return init(new DynamoDbPreseedProjection(writer));
    }

    @Bean
    Neo4jPreseedProjection neo4jPreseedProjection(SequencedGraphWriter graph) {
        return init(new Neo4jPreseedProjection(graph));
    }

    @Bean
    DynamoDbFileProjection dynamoDbFileProjection(SequencedTableWriter writer) {
        return init(new DynamoDbFileProjection(writer));
    }

    private static <T extends ReadModel> T init(T model) {
        model.ensureSchema();
        return model;
    }
}
