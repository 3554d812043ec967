package io.chariot.projections.failure;

import io.chariot.consistency.failure.TransientFailures;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.RetryableException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransactionTerminatedException;
import org.neo4j.driver.exceptions.TransientException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * What each read store's client throws when the store is down, stalled or throttling — failures a projection waits
 * out (retrying) rather than parks. A refused value or a failed condition is not among them: retrying cannot cure it.
 */
@AutoConfiguration
public class ReadStoreFailures {

    /** The three stores' rules (and the generic ones), outside Spring: replays and benchmarks. */
    public static TransientFailures classifier() {
        ReadStoreFailures stores = new ReadStoreFailures();
        return new TransientFailures(java.util.List.of(stores.dynamoDbTransientFailures(),
                stores.neo4jTransientFailures(), stores.redisTransientFailures()));
    }

    /** DynamoDB: no answer (connection, time-out), a server error, or throttling. */
    @Bean
    TransientFailures.Rule dynamoDbTransientFailures() {
        return t -> t instanceof SdkClientException
                || t instanceof ProvisionedThroughputExceededException || t instanceof RequestLimitExceededException
                || (t instanceof SdkServiceException service && (service.isThrottlingException()
                || service.statusCode() >= 500 || service.retryable()));
    }

    /**
     * Neo4j: the server is unreachable, the session's server went away, a transient (deadlock) error — or the
     * transaction was terminated or rolled back under the statement (the victim side of a deadlock, a time-out):
     * the whole transaction can be run again.
     */
    @Bean
    TransientFailures.Rule neo4jTransientFailures() {
        return t -> t instanceof ServiceUnavailableException || t instanceof SessionExpiredException
                || t instanceof TransientException || t instanceof RetryableException
                || t instanceof TransactionTerminatedException
                || (t instanceof ClientException c && c.getMessage() != null
                && c.getMessage().contains("it has been rolled back"));
    }

    /** Redis: no connection, no answer in time, or the server still loading its data or busy. */
    @Bean
    TransientFailures.Rule redisTransientFailures() {
        return t -> t instanceof RedisConnectionException || t instanceof RedisTimeoutException
                || (t instanceof RedisException e && e.getMessage() != null
                && (e.getMessage().startsWith("LOADING") || e.getMessage().startsWith("BUSY")
                || e.getMessage().startsWith("TRYAGAIN")));
    }
}
