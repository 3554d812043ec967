package io.chariot.projections;

import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.projections.redis.RedisDurabilityCheck;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;

/**
 * Clients of the three read stores, from {@code chariot.dynamodb.*}, {@code chariot.neo4j.*} and
 * {@code chariot.redis.url} ({@code CHARIOT_DYNAMODB_ENDPOINT}, {@code CHARIOT_NEO4J_URI}, {@code CHARIOT_REDIS_URL}:
 * the local stack exports them). An empty DynamoDB endpoint means real AWS. Reads on the request path are bounded by
 * {@link ReadTimeouts}. The one Redis client is also the job context's (its running-jobs permits).
 */
@AutoConfiguration(before = org.springframework.boot.autoconfigure.neo4j.Neo4jAutoConfiguration.class)
@EnableConfigurationProperties({ReadTimeouts.class, ReadStoreConfiguration.DynamoDb.class,
        ReadStoreConfiguration.Neo4j.class, ReadStoreConfiguration.Redis.class})
public class ReadStoreConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient(DynamoDb settings) {
        String endpoint = settings.endpoint();
        var builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build());
        if (endpoint.isBlank()) {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        } else {
            // DynamoDB Local accepts any credentials; trap 16 in STACK-NOTES.
            builder.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Driver neo4jDriver(Neo4j settings) {
        var auth = settings.user().isBlank() ? AuthTokens.none() : AuthTokens.basic(settings.user(), settings.password());
        return GraphDatabase.driver(settings.uri(), auth, Config.builder().withMaxConnectionPoolSize(32).build());
    }

    @Bean
    RedisDurabilityCheck redisDurabilityCheck(RedissonClient redis) {
        return new RedisDurabilityCheck(redis);
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    RedissonClient redissonClient(Redis settings) {
        var config = new org.redisson.config.Config();
        config.setCodec(org.redisson.client.codec.StringCodec.INSTANCE);
        config.useSingleServer().setAddress(settings.url()).setConnectionMinimumIdleSize(2).setConnectionPoolSize(16);
        return Redisson.create(config);
    }

    /**
     * @param endpoint empty for real AWS; DynamoDB Local's URL otherwise
     * @param region   the AWS region of the tables
     * @param table    the shared table of generation 0 (ADR 0002)
     * @param liveWriters table writes a process sends side by side for its live read models' batches (ADR 0029);
     *                 0 sends each event's writes one after the other, from its processor's thread
     */
    @ConfigurationProperties("chariot.dynamodb")
    public record DynamoDb(@DefaultValue("") String endpoint, @DefaultValue("us-east-1") String region,
                           @DefaultValue("chariot") String table, @DefaultValue("8") int liveWriters) {
        public DynamoDb {
            requireText("chariot.dynamodb.region", region);
            requireText("chariot.dynamodb.table", table);
            if (liveWriters < 0) {
                throw new IllegalArgumentException("chariot.dynamodb.live-writers must be 0 or more, not " + liveWriters);
            }
        }
    }

    /**
     * @param user              empty for no authentication
     * @param liveBatches       whether a graph read model's processor writes each batch in one transaction (ADR
     *                          0018); false gives every event its own transaction
     * @param groupedStatements whether a batch's like graph statements go as one {@code UNWIND} each, in live
     *                          processors' batches and in replays (ADR 0030); false sends each as it is written
     */
    @ConfigurationProperties("chariot.neo4j")
    public record Neo4j(@DefaultValue("bolt://127.0.0.1:7687") String uri, @DefaultValue("") String user,
                        @DefaultValue("") String password, @DefaultValue("true") boolean liveBatches,
                        @DefaultValue("true") boolean groupedStatements) {
        public Neo4j {
            requireText("chariot.neo4j.uri", uri);
        }

        @Override
        public String toString() {
            return "Neo4j[uri=" + uri + ", user=" + user + ", password=(hidden), liveBatches=" + liveBatches
                    + ", groupedStatements=" + groupedStatements + "]";
        }
    }

    /**
     * @param url           the server
     * @param livePipelines whether the count read models' processors send a batch's updates as one pipeline (ADR
     *                      0029); false sends each event's updates in turn
     */
    @ConfigurationProperties("chariot.redis")
    public record Redis(@DefaultValue("redis://127.0.0.1:6379") String url,
                        @DefaultValue("true") boolean livePipelines) {
        public Redis {
            requireText("chariot.redis.url", url);
        }
    }

    static void requireText(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " must not be empty");
        }
    }
}
