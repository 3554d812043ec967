package io.chariot.projections.failure;

import io.chariot.consistency.failure.TransientFailures;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of the real store clients a projection waits out, and which park the event. */
class ReadStoreFailuresTest {

    private final ReadStoreFailures stores = new ReadStoreFailures();
    private final TransientFailures failures = new TransientFailures(List.of(stores.dynamoDbTransientFailures(),
            stores.neo4jTransientFailures(), stores.redisTransientFailures()));

    @Test
    void anUnreachableSlowOrThrottlingStoreIsWaitedOut() {
        assertThat(failures.isTransient(SdkClientException.create("Unable to execute HTTP request"))).isTrue();
        assertThat(failures.isTransient(ApiCallTimeoutException.create(5000))).isTrue();
        assertThat(failures.isTransient(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .message("throttled").build())).isTrue();
        assertThat(failures.isTransient(RequestLimitExceededException.builder().statusCode(400).message("limit")
                .build())).isTrue();
        assertThat(failures.isTransient(DynamoDbException.builder().statusCode(500).message("internal").build()))
                .isTrue();
        assertThat(failures.isTransient(new ServiceUnavailableException("no server"))).isTrue();
        assertThat(failures.isTransient(new SessionExpiredException("leader switched"))).isTrue();
        // The other side of a deadlock: its transaction is rolled back under it; running it again succeeds.
        assertThat(failures.isTransient(new ClientException("Cannot run more queries in this transaction, "
                + "it has been rolled back"))).isTrue();
        assertThat(failures.isTransient(new org.neo4j.driver.exceptions.TransactionTerminatedException(
                "Transaction can't be committed. It has been rolled back"))).isTrue();
        assertThat(failures.isTransient(new RedisTimeoutException("no answer in 3000 ms"))).isTrue();
        assertThat(failures.isTransient(new RedisConnectionException("refused"))).isTrue();
        assertThat(failures.isTransient(new RedisException("LOADING Redis is loading the dataset in memory")))
                .isTrue();
    }

    @Test
    void aValueTheStoreRefusesParksTheEvent() {
        assertThat(failures.isTransient(DynamoDbException.builder().statusCode(400)
                .message("One or more parameter values were invalid: key too long").build())).isFalse();
        assertThat(failures.isTransient(new ClientException("Neo.ClientError.Schema.IndexTooLarge",
                "Property value is too large to index"))).isFalse();
        assertThat(failures.isTransient(new RedisException("ERR Error running script"))).isFalse();
    }
}
