package io.chariot.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.projections.dynamodb.DynamoDbAccountProjection;
import io.chariot.projections.dynamodb.TableSpace;
import io.chariot.projections.generation.ReadGenerations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The account context's read model: links, API keys, settings and configurations in the Chariot table. */
@AutoConfiguration(after = ProjectionsConfiguration.class)
public class AccountProjectionsConfiguration {

    @Bean
    DynamoDbAccountProjection dynamoDbAccountProjection(TableSpace space, ObjectProvider<ObjectMapper> mapper,
                                                        ReadGenerations generations) {
        return ProjectionsConfiguration.live(
                new DynamoDbAccountProjection(space, mapper.getIfAvailable(ObjectMapper::new)), generations);
    }
}
