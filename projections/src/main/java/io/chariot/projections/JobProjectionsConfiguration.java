package io.chariot.projections;

import io.chariot.projections.dynamodb.DynamoDbJobProjection;
import io.chariot.projections.dynamodb.SequencedTableWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The job read model (processing group jobs-dynamodb) on the shared writer of {@link ProjectionsConfiguration}; it
 * ensures its schema before events flow. Jobs live in the table only (chariot-api.md §1.2 storage split).
 */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class JobProjectionsConfiguration {

    @Bean
    DynamoDbJobProjection dynamoDbJobProjection(SequencedTableWriter writer, DynamoDbClient dynamo) {
        DynamoDbJobProjection model = new DynamoDbJobProjection(writer, dynamo);
        model.ensureSchema();
        return model;
    }
}
