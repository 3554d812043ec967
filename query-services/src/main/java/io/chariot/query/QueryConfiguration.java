package io.chariot.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.query.count.CountSearch;
import io.chariot.query.graph.GraphSearch;
import io.chariot.query.my.KeySearch;
import io.chariot.query.my.MyController;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The query API's beans: one searcher per read store and the /my controller. */
@AutoConfiguration(afterName = "io.chariot.projections.ProjectionsConfiguration")
@Import(MyController.class)
public class QueryConfiguration {

    @Bean
    KeySearch keySearch(DynamoDbClient dynamo, ChariotTable table, ObjectMapper json) {
        return new KeySearch(dynamo, table, json);
    }

    @Bean
    GraphSearch graphSearch(Driver driver, ObjectMapper json) {
        return new GraphSearch(driver, json);
    }

    @Bean
    CountSearch countSearch(RedissonClient redis) {
        return new CountSearch(redis);
    }
}
