package io.chariot.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.projections.dynamodb.DynamoDbAccountProjection;
import io.chariot.projections.dynamodb.SequencedTableWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The account context's read model: links, API keys, settings and configurations in the Chariot table. */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class AccountProjectionsConfiguration {

    @Bean
    DynamoDbAccountProjection dynamoDbAccountProjection(SequencedTableWriter writer,
                                                        ObjectProvider<ObjectMapper> mapper) {
        var projection = new DynamoDbAccountProjection(writer, mapper.getIfAvailable(ObjectMapper::new));
        projection.ensureSchema();
        return projection;
    }
}
