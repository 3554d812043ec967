package io.chariot.runtime.distribution;

import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaLiveSourceTest {

    private static final TopicPartition P0 = new TopicPartition("chariot.events", 0);
    private static final TopicPartition P1 = new TopicPartition("chariot.events", 1);

    @Test
    void lagIsTheRecordsAfterTheTokensPositionInEveryPartitionAPartitionItNeverReadCountingWhole() {
        var token = KafkaTrackingToken.newInstance(Map.of(P0, 4L));
        // p0: offsets 5..9 unread (end offset 10); p1: never read, offsets 0..2
        assertThat(KafkaLiveSource.lag(token, Map.of(P0, 10L, P1, 3L))).hasValue(8);
        assertThat(KafkaLiveSource.lag(KafkaTrackingToken.newInstance(Map.of(P0, 9L, P1, 2L)),
                Map.of(P0, 10L, P1, 3L))).hasValue(0);
    }

    @Test
    void aTokenOfAnotherSourceHasNoKafkaLag() {
        assertThat(KafkaLiveSource.lag(new GlobalSequenceTrackingToken(42), Map.of(P0, 10L))).isEmpty();
    }
}
