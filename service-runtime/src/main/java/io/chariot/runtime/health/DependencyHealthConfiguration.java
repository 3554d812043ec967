package io.chariot.runtime.health;

import io.chariot.runtime.distribution.KafkaLiveSource;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;

/**
 * A health indicator for each store, each answering within {@code chariot.health.timeout} whatever the store does
 * ({@link BoundedHealthCheck}): PostgreSQL ({@code db}), Kafka, DynamoDB, Neo4j and Redis. They replace Boot's
 * {@code db} and {@code neo4j} indicators, which wait as long as their clients do. Each is part of the readiness group
 * (application.yml): without any of them the platform cannot serve, so a load balancer stops sending it traffic;
 * liveness looks only at the JVM, so a store outage never gets the process restarted.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthSettings.class)
class DependencyHealthConfiguration {

    @Bean
    HealthIndicator dbHealthIndicator(DataSource dataSource, HealthSettings settings) {
        return new BoundedHealthCheck("PostgreSQL", settings.timeout(), health -> {
            try (Connection connection = dataSource.getConnection()) {
                int seconds = (int) Math.max(1, settings.timeout().toSeconds());
                if (!connection.isValid(seconds)) {
                    throw new IllegalStateException("the connection is not valid");
                }
                health.withDetail("database", connection.getMetaData().getDatabaseProductName());
            }
        });
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaLiveSource kafka, HealthSettings settings) {
        return new BoundedHealthCheck("Kafka", settings.timeout(), health -> {
            var cluster = kafka.cluster(settings.timeout());
            health.withDetail("brokers", cluster.brokers()).withDetail("topicPartitions", cluster.topicPartitions());
        });
    }

    @Bean
    HealthIndicator dynamodbHealthIndicator(DynamoDbClient dynamoDb, HealthSettings settings) {
        return new BoundedHealthCheck("DynamoDB", settings.timeout(), health ->
                dynamoDb.listTables(r -> r.limit(1)
                        .overrideConfiguration(c -> c.apiCallTimeout(settings.timeout()))));
    }

    @Bean
    HealthIndicator neo4jHealthIndicator(Driver neo4j, HealthSettings settings) {
        return new BoundedHealthCheck("Neo4j", settings.timeout(), health -> {
            try (var session = neo4j.session()) {
                health.withDetail("edition", session.run("CALL dbms.components() YIELD edition RETURN edition")
                        .single().get("edition").asString());
            }
        });
    }

    @Bean
    HealthIndicator redisHealthIndicator(RedissonClient redis, HealthSettings settings) {
        return new BoundedHealthCheck("Redis", settings.timeout(), health -> {
            if (!redis.getRedisNodes(RedisNodes.SINGLE).pingAll(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Redis did not answer PING");
            }
        });
    }
}
