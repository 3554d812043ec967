package io.chariot.projections;

import io.chariot.projections.dynamodb.DynamoDbWebpageProjection;
import io.chariot.projections.dynamodb.TableSpace;
import io.chariot.projections.generation.ReadGenerations;
import io.chariot.projections.neo4j.Neo4jWebpageProjection;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import static io.chariot.projections.ProjectionsConfiguration.live;

/**
 * The webpage read models (processing groups webpages-dynamodb and webpages-neo4j): Chariot keeps webpages as graph
 * nodes, and this platform also as table items so {@code GET /my} finds them like every other record.
 */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class WebpageProjectionsConfiguration {

    @Bean
    DynamoDbWebpageProjection dynamoDbWebpageProjection(TableSpace space, ReadGenerations generations) {
        return live(new DynamoDbWebpageProjection(space), generations);
    }

    @Bean
    Neo4jWebpageProjection neo4jWebpageProjection(SequencedGraphWriter graph, ReadGenerations generations) {
        return live(new Neo4jWebpageProjection(graph), generations);
    }
}
