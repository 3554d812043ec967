package io.chariot.platform.health;

import io.chariot.platform.distribution.KafkaLiveSource;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.concurrent.TimeUnit;

/**
 * A health indicator for each store Boot has none for: Kafka, DynamoDB, Redis (through Redisson). PostgreSQL
 * ({@code db}) and Neo4j ({@code neo4j}) are Boot's own. Each is part of the readiness group (application.yml):
 * without any of them the platform cannot serve, so a load balancer stops sending it traffic; liveness looks only
 * at the JVM, so a store outage never gets the process restarted.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthSettings.class)
class DependencyHealthConfiguration {

    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaLiveSource kafka, HealthSettings settings) {
        return check("Kafka", health -> {
            var cluster = kafka.cluster(settings.timeout());
            health.up().withDetail("brokers", cluster.brokers()).withDetail("topicPartitions", cluster.topicPartitions());
        });
    }

    @Bean
    HealthIndicator dynamodbHealthIndicator(DynamoDbClient dynamoDb, HealthSettings settings) {
        return check("DynamoDB", health -> {
            dynamoDb.listTables(r -> r.limit(1).overrideConfiguration(c -> c.apiCallTimeout(settings.timeout())));
            health.up();
        });
    }

    @Bean
    HealthIndicator redisHealthIndicator(RedissonClient redis, HealthSettings settings) {
        return check("Redis", health -> {
            boolean answered = redis.getRedisNodes(RedisNodes.SINGLE)
                    .pingAll(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            (answered ? health.up() : health.down()).withDetail("ping", answered ? "PONG" : "no answer");
        });
    }

    private interface Check {
        void run(Health.Builder health) throws Exception;
    }

    /** A check that throws is DOWN with the exception as its (operator-only) detail. */
    private static HealthIndicator check(String store, Check check) {
        return new AbstractHealthIndicator(store + " health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder health) throws Exception {
                check.run(health);
            }
        };
    }
}
