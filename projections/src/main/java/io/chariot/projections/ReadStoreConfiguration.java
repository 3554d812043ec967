package io.chariot.projections;

import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.projections.redis.RedisDurabilityCheck;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * Clients of the three read stores, from {@code CHARIOT_DYNAMODB_ENDPOINT}, {@code CHARIOT_NEO4J_URI} and
 * {@code CHARIOT_REDIS_URL} (the local stack exports them). An empty DynamoDB endpoint means real AWS. Reads on the
 * request path are bounded by {@link ReadTimeouts}.
 */
@AutoConfiguration(before = org.springframework.boot.autoconfigure.neo4j.Neo4jAutoConfiguration.class)
@EnableConfigurationProperties(ReadTimeouts.class)
public class ReadStoreConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient(@Value("${chariot.dynamodb.endpoint:${CHARIOT_DYNAMODB_ENDPOINT:}}") String endpoint,
                                  @Value("${chariot.dynamodb.region:us-east-1}") String region) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(region))
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
    Driver neo4jDriver(@Value("${chariot.neo4j.uri:${CHARIOT_NEO4J_URI:bolt://127.0.0.1:7687}}") String uri,
                       @Value("${chariot.neo4j.user:${CHARIOT_NEO4J_USER:}}") String user,
                       @Value("${chariot.neo4j.password:${CHARIOT_NEO4J_PASSWORD:}}") String password) {
        var auth = user.isBlank() ? AuthTokens.none() : AuthTokens.basic(user, password);
        return GraphDatabase.driver(uri, auth, Config.builder().withMaxConnectionPoolSize(32).build());
    }

    @Bean
    RedisDurabilityCheck redisDurabilityCheck(RedissonClient redis) {
        return new RedisDurabilityCheck(redis);
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    RedissonClient redissonClient(@Value("${chariot.redis.url:${CHARIOT_REDIS_URL:redis://127.0.0.1:6379}}") String url) {
        var config = new org.redisson.config.Config();
        config.setCodec(org.redisson.client.codec.StringCodec.INSTANCE);
        config.useSingleServer().setAddress(url).setConnectionMinimumIdleSize(2).setConnectionPoolSize(16);
        return Redisson.create(config);
    }
}
