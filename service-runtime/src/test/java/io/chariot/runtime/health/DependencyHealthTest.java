package io.chariot.runtime.health;

import io.chariot.runtime.distribution.KafkaLiveSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A store that does not answer is DOWN, within the health timeout (the stores that answer: HealthIT). */
class DependencyHealthTest {

    private final DependencyHealthConfiguration configuration = new DependencyHealthConfiguration();
    private final HealthSettings settings = new HealthSettings(Duration.ofMillis(500), 1000);

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void kafkaWithoutABrokerIsDown() throws Exception {
        try (var kafka = new KafkaLiveSource("127.0.0.1:" + closedPort(), "chariot.events")) {
            HealthIndicator indicator = configuration.kafkaHealthIndicator(kafka, settings);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void dynamodbThatRefusesConnectionsIsDown() throws Exception {
        try (var dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            HealthIndicator indicator = configuration.dynamodbHealthIndicator(dynamo, settings);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }
}
