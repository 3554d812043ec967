package io.chariot.platform;

import io.chariot.consistency.failure.ParkedMarks;
import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.projections.dynamodb.LiveTableWriters;
import io.chariot.projections.dynamodb.SequencedTableWriter;
import io.chariot.projections.dynamodb.TableReadModel;
import io.chariot.projections.ReadModel;
import io.chariot.projections.processing.LiveBatches;
import io.chariot.projections.redis.CountBuckets;
import io.chariot.projections.redis.CountKeys;
import io.chariot.projections.redis.CountsReadModel;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table and count read models' processors group a batch's writes ({@link LiveBatches}, ADR 0029), on the real
 * DynamoDB Local and Redis. A table batch sends its writes side by side: each item's writes in order, reads after the
 * item's writes, the batch stored when its unit of work commits, and a write the store refuses failing the batch,
 * whose next run writes one event at a time so the refused event fails in its own handler. A count batch is one
 * Redis pipeline: nothing sent before the commit, nothing at all if the unit of work rolls back. Each batch here runs as Axon's processors run one: a
 * {@link BatchingUnitOfWork} over the events, each through the interceptor chain, the handler standing in for the
 * read model (and, where it parks, for the dead-letter queue).
 */
@Order(21)
class LiveBatchesIT extends PlatformIntegrationTest {

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    ChariotTable chariotTable;
    @Autowired
    LiveTableWriters writers;

    private final String tenant = "table-batches-" + UUID.randomUUID();

    @Autowired
    CountBuckets buckets;
    @Autowired
    RedissonClient redis;

    @Test
    void everyTableAndCountReadModelsProcessorGroupsItsBatches(@Autowired EventProcessingConfiguration processing,
                                                               @Autowired List<TableReadModel> tables,
                                                               @Autowired List<CountsReadModel> counts) {
        assertThat(tables).isNotEmpty();
        assertThat(counts).isNotEmpty();
        for (ReadModel model : Stream.concat(tables.stream(), counts.stream()).toList()) {
            assertThat(processing.interceptorsFor(model.processingGroup())).as(model.name())
                    .anyMatch(interceptor -> interceptor instanceof LiveBatches);
        }
    }

    @Test
    void aCountBatchIsOnePipelineSentWhenItsUnitOfWorkCommits() throws Exception {
        List<Long> seenDuringTheBatch = new ArrayList<>();
        CountProbe probe = new CountProbe(buckets);
        runBatch(new LiveBatches("probe", probe::openLiveBatch), List.of("a", "b", "c"),
                (event, key) -> {
                    probe.add(tenant, key);
                    seenDuringTheBatch.add(probeCount());
                    return null;
                });

        assertThat(seenDuringTheBatch).containsOnly(0L);
        assertThat(probeCount()).isEqualTo(3);
    }

    @Test
    void aCountBatchWhoseUnitOfWorkRollsBackSendsNothing() {
        CountProbe probe = new CountProbe(buckets);
        assertThatThrownBy(() -> runBatch(new LiveBatches("probe", probe::openLiveBatch),
                List.of("a", "b"), (event, key) -> {
                    probe.add(tenant, key);
                    if (key.equals("b")) {
                        throw new IllegalStateException("the processor's batch fails, e.g. its token could not be stored");
                    }
                    return null;
                })).hasMessageContaining("token could not be stored");

        assertThat(probeCount()).isZero();
    }

    @Test
    void everyWriteOfABatchIsStoredWhenItsUnitOfWorkHasCommitted() throws Exception {
        List<String> keys = IntStream.range(0, 60).mapToObj(i -> "#probe#" + i).toList();
        runBatch(new LiveBatches("probe", writers::openBatch), keys, (event, key) -> {
            writer().put(item(key, "v1"), 1);
            return null;
        });

        assertThat(keys).allSatisfy(key -> assertThat(stored(key)).containsEntry("value", AttributeValue.fromS("v1")));
    }

    @Test
    void oneItemsWritesKeepTheirOrderAndAReadSeesTheWritesBeforeIt() throws Exception {
        List<String> seen = new ArrayList<>();
        runBatch(new LiveBatches("probe", writers::openBatch), List.of("put", "update", "read", "update again"),
                (event, step) -> {
                    switch (step) {
                        case "put" -> writer().put(item("#probe#one", "v1"), 1);
                        case "update" -> update("#probe#one", 2, "v2");
                        case "read" -> seen.add(writer().get(tenant, "#probe#one").get("value").s());
                        default -> update("#probe#one", 3, "v3");
                    }
                    return null;
                });

        assertThat(seen).containsExactly("v2");
        assertThat(stored("#probe#one")).containsEntry("value", AttributeValue.fromS("v3"))
                .containsEntry("_seq", AttributeValue.fromN("3"));
    }

    @Test
    void aRefusedWriteFailsItsBatchAndThatBatchRunAgainWritesEventByEventSoOnlyTheRefusedEventIsParked()
            throws Exception {
        LiveBatches batches = new LiveBatches("probe", writers::openBatch);
        List<EventMessage<?>> batch = events(List.of("#probe#a", "#probe#refused", "#probe#c"));
        List<String> failedInTheirHandler = new ArrayList<>();
        Handler handler = (event, key) -> {
            try {
                writer().put(key.equals("#probe#refused") ? refusedItem(key) : item(key, "v1"), 1);
            } catch (DynamoDbException refused) {
                failedInTheirHandler.add(key);
                ParkedMarks.mark(event); // what the dead-letter queue does, swallowing the failure
            }
            return null;
        };

        assertThatThrownBy(() -> runEvents(batches, batch, handler)).isInstanceOf(DynamoDbException.class);
        assertThat(failedInTheirHandler).as("side by side, the refusal comes after the handlers").isEmpty();
        assertThatThrownBy(() -> runBatch(batches, List.of("#probe#refused", "#probe#d"), handler))
                .as("another batch is still side by side").isInstanceOf(DynamoDbException.class);
        assertThat(failedInTheirHandler).isEmpty();

        runEvents(batches, batch, handler);
        assertThat(failedInTheirHandler).containsExactly("#probe#refused");
        assertThat(stored("#probe#a")).isNotEmpty();
        assertThat(stored("#probe#c")).isNotEmpty();
        assertThat(stored("#probe#refused")).isEmpty();

        failedInTheirHandler.clear();
        assertThatThrownBy(() -> runEvents(batches, batch, handler)).as("the batch after that is side by side again")
                .isInstanceOf(DynamoDbException.class);
        assertThat(failedInTheirHandler).isEmpty();
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(EventMessage<?> event, String key) throws Exception;
    }

    /** Runs the keys' events as one processor batch: a batching unit of work, each event through the interceptor. */
    private void runBatch(LiveBatches batches, List<String> keys, Handler handler) throws Exception {
        runEvents(batches, events(keys), handler);
    }

    private static List<EventMessage<?>> events(List<String> keys) {
        return keys.stream().<EventMessage<?>>map(GenericEventMessage::new).toList();
    }

    /** The same events again: what a processor does when it runs a failed batch again from its stored token. */
    private void runEvents(LiveBatches batches, List<EventMessage<?>> events, Handler handler) throws Exception {
        var unitOfWork = new BatchingUnitOfWork<>(events);
        MessageHandler<EventMessage<?>> invoker = event -> handler.handle(event, (String) event.getPayload());
        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(batches), invoker).proceed(), RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
    }

    private long probeCount() {
        String count = redis.<String, String>getMap(CountKeys.counts(CountKeys.PREFIX, tenant, "probe"),
                StringCodec.INSTANCE).get("status:A");
        return count == null ? 0 : Long.parseLong(count);
    }

    /** A count read model of the shared buckets, as the live processor of a count group would batch it. */
    private static final class CountProbe extends CountsReadModel {
        CountProbe(CountBuckets buckets) {
            super("probe", List.of("probe"), buckets);
        }

        @Override
        protected CountsReadModel newInstance() {
            return this;
        }

        void add(String tenant, String key) {
            buckets().set(tenant, "probe", key, 1, "status=A");
        }
    }

    private SequencedTableWriter writer() {
        return new SequencedTableWriter(dynamo, chariotTable);
    }

    private Map<String, AttributeValue> item(String key, String value) {
        return Map.of("username", AttributeValue.fromS(tenant), "key", AttributeValue.fromS(key),
                "value", AttributeValue.fromS(value));
    }

    /** DynamoDB refuses an empty string set, whatever the item. */
    private Map<String, AttributeValue> refusedItem(String key) {
        return Map.of("username", AttributeValue.fromS(tenant), "key", AttributeValue.fromS(key),
                "tags", AttributeValue.fromSs(List.of()));
    }

    private void update(String key, long seq, String value) {
        writer().update(tenant, key, seq, "SET #v = :v", Map.of(":v", AttributeValue.fromS(value)),
                Map.of("#v", "value"));
    }

    private Map<String, AttributeValue> stored(String key) {
        return writer().get(tenant, key);
    }
}
