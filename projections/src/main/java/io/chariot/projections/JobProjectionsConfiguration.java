package io.chariot.projections;

import io.chariot.projections.dynamodb.DynamoDbJobProjection;
import io.chariot.projections.dynamodb.TableSpace;
import io.chariot.projections.generation.ReadGenerations;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The job read model (processing group jobs-dynamodb) on the shared writer of {@link ProjectionsConfiguration}; it
 * ensures its schema before events flow. Jobs live in the table only (chariot-api.md §1.2 storage split). It only
 * writes: the job context's query (queued jobs) is answered by the query side ({@code QueuedJobSearch}).
 */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class JobProjectionsConfiguration {

    @Bean
    DynamoDbJobProjection dynamoDbJobProjection(TableSpace space, ReadGenerations generations) {
        return ProjectionsConfiguration.live(new DynamoDbJobProjection(space), generations);
    }
}
