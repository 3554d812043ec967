package io.chariot.runtime.distribution;

import io.chariot.projections.rebuild.LiveSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The projections' live stream: the Kafka topic. Its head is the end offset of every partition; a
 * {@link KafkaTrackingToken} position is the offset of the last record consumed, so the head token holds
 * {@code end - 1} per partition.
 */
public class KafkaLiveSource implements LiveSource, AutoCloseable {

    private final Admin admin;
    private final String topic;

    public KafkaLiveSource(String bootstrapServers, String topic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "chariot-projections-admin"));
        this.topic = topic;
    }

    @Override
    public TrackingToken headToken() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        // Every partition is named, empty ones at -1, so the consumer never falls back to its reset policy.
        endOffsets().forEach((partition, end) -> positions.put(partition, end - 1));
        return KafkaTrackingToken.newInstance(positions);
    }

    @Override
    public OptionalLong lag(TrackingToken token) {
        return lag(token, endOffsets());
    }

    /** How far {@code token} is behind the given end offsets (records), if it is a Kafka token. */
    public static OptionalLong lag(TrackingToken token, Map<TopicPartition, Long> endOffsets) {
        TrackingToken unwrapped = token == null ? null : WrappedToken.unwrapUpperBound(token);
        Map<TopicPartition, Long> positions = unwrapped instanceof KafkaTrackingToken kafka
                ? kafka.getPositions() : Map.of();
        if (unwrapped != null && !(unwrapped instanceof KafkaTrackingToken)) {
            return OptionalLong.empty();
        }
        long lag = 0;
        for (var end : endOffsets.entrySet()) {
            long consumedUpTo = positions.getOrDefault(end.getKey(), -1L);
            lag += Math.max(end.getValue() - 1 - consumedUpTo, 0);
        }
        return OptionalLong.of(lag);
    }

    private Map<TopicPartition, Long> endOffsets() {
        return endOffsets(Duration.ofSeconds(10));
    }

    /** The next offset of each partition of the topic, within {@code timeout}. */
    public Map<TopicPartition, Long> endOffsets(Duration timeout) {
        int millis = (int) timeout.toMillis();
        try {
            var description = admin.describeTopics(java.util.List.of(topic), new DescribeTopicsOptions().timeoutMs(millis))
                    .allTopicNames().get(millis, TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(millis)).all()
                    .get(millis, TimeUnit.MILLISECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading Kafka offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of Kafka topic " + topic, e);
        }
    }

    /** The brokers that answer and the topic's partition count, within {@code timeout} (health checks). */
    public Cluster cluster(Duration timeout) {
        try {
            // The operations time out themselves too, so none lingers in the client after a failed check.
            int millis = (int) timeout.toMillis();
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis, TimeUnit.MILLISECONDS).size();
            int partitions = admin.describeTopics(java.util.List.of(topic), new DescribeTopicsOptions().timeoutMs(millis))
                    .allTopicNames().get(millis, TimeUnit.MILLISECONDS).get(topic).partitions().size();
            return new Cluster(brokers, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for its cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe its cluster and topic " + topic + " within "
                    + timeout, e);
        }
    }

    public record Cluster(int brokers, int topicPartitions) {
    }

    @Override
    public void close() {
        admin.close();
    }
}
