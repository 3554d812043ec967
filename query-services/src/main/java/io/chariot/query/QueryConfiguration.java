package io.chariot.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.websupport.secrets.SecretBox;
import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.projections.neo4j.Neo4jAssetProjection;
import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.query.availability.StoreUnavailableHandling;
import io.chariot.query.my.TableRouting;
import io.chariot.query.count.CountSearch;
import io.chariot.query.graph.GraphSearch;
import io.chariot.query.job.QueuedJobSearch;
import io.chariot.query.my.KeySearch;
import io.chariot.query.my.MyController;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The query API's beans: one searcher per read store, the /my controller, and the other contexts' queries. */
@AutoConfiguration(afterName = {"io.chariot.projections.ProjectionsConfiguration",
        "io.chariot.websupport.secrets.SecretsConfiguration"})
@org.springframework.boot.context.properties.EnableConfigurationProperties(io.chariot.query.my.SearchPaging.class)
public class QueryConfiguration {

    /** {@code GET /my}, {@code POST /my} and {@code /my/count}. */
    @QueryApi
    @Import(MyController.class)
    static class Api {
    }

    @Bean
    StoreUnavailableHandling storeUnavailableHandling(ReadTimeouts timeouts, ObjectMapper json) {
        return new StoreUnavailableHandling(timeouts, json);
    }

    @Bean
    KeySearch keySearch(DynamoDbClient dynamo, ReadModels models, ChariotTable table, ObjectMapper json,
                        ReadTimeouts timeouts, SecretBox secrets) {
        return new KeySearch(dynamo, new TableRouting(models, table), json, timeouts, secrets);
    }

    @Bean
    QueuedJobSearch queuedJobSearch(DynamoDbClient dynamo, ReadModels models, ReadTimeouts timeouts) {
        return new QueuedJobSearch(dynamo, models, timeouts);
    }

    @Bean
    GraphSearch graphSearch(Driver driver, ReadModels models, ObjectMapper json, ReadTimeouts timeouts) {
        return new GraphSearch(driver, () -> models.named(Neo4jAssetProjection.NAME).map(ReadModel::generation)
                .orElse(0), json, timeouts);
    }

    @Bean
    CountSearch countSearch(RedissonClient redis, ReadModels models, KeySearch keys, ReadTimeouts timeouts) {
        return new CountSearch(redis, name -> models.named(name).map(ReadModel::generation).orElse(0), keys,
                timeouts);
    }
}
