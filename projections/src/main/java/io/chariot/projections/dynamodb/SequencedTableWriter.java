package io.chariot.projections.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.HashMap;
import java.util.Map;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SEQUENCE_ATTRIBUTE;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;

/**
 * The write side every DynamoDB projection shares: each item remembers the last aggregate sequence number applied
 * to it ({@code _seq}) and every write is conditional on being newer, so a redelivered or replayed event changes
 * nothing. Kafka keys records by aggregate, so per-aggregate order holds and "newer wins" is exact. On a live
 * processor's thread the writes of a batch go side by side ({@link LiveTableBatch}), each item's in order.
 */
public final class SequencedTableWriter {

    private static final String NEWER_ONLY = "attribute_not_exists(#seq) OR #seq < :seq";

    private final DynamoDbClient dynamo;
    private final ChariotTable table;

    public SequencedTableWriter(DynamoDbClient dynamo, ChariotTable table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public ChariotTable table() {
        return table;
    }

    /** Writes a whole item (it must hold {@code username}, {@code key}) unless a newer event already wrote it. */
    public void put(Map<String, AttributeValue> item, long seq) {
        Map<String, AttributeValue> withSeq = new HashMap<>(item);
        withSeq.put(SEQUENCE_ATTRIBUTE, AttributeValue.fromN(Long.toString(seq)));
        AttributeValue tenant = item.get(PARTITION_KEY);
        AttributeValue key = item.get(SORT_KEY);
        if (tenant == null || key == null) {
            putNow(withSeq, seq); // DynamoDB says what is missing, in the event's own handler
            return;
        }
        write(tenant.s(), key.s(), () -> putNow(withSeq, seq));
    }

    private void putNow(Map<String, AttributeValue> withSeq, long seq) {
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(withSeq)
                    .conditionExpression(NEWER_ONLY)
                    .expressionAttributeNames(Map.of("#seq", SEQUENCE_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromN(Long.toString(seq)))));
        } catch (ConditionalCheckFailedException alreadyApplied) {
            // Replayed or redelivered: the item already reflects this event or a later one.
        }
    }

    /**
     * Applies an update expression ({@code SET …}) to an existing item only: an update never creates a half item.
     */
    public void update(String tenant, String key, long seq, String updateExpression,
                       Map<String, AttributeValue> values, Map<String, String> names) {
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":seq", AttributeValue.fromN(Long.toString(seq)));
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#seq", SEQUENCE_ATTRIBUTE);
        write(tenant, key, () -> updateNow(tenant, key, updateExpression, allValues, allNames));
    }

    private void updateNow(String tenant, String key, String updateExpression, Map<String, AttributeValue> allValues,
                           Map<String, String> allNames) {
        try {
            dynamo.updateItem(b -> b.tableName(table.name())
                    .key(Map.of(PARTITION_KEY, AttributeValue.fromS(tenant), SORT_KEY, AttributeValue.fromS(key)))
                    .updateExpression(updateExpression + ", #seq = :seq")
                    .conditionExpression("attribute_exists(#seq) AND #seq < :seq")
                    .expressionAttributeNames(allNames)
                    .expressionAttributeValues(allValues));
        } catch (ConditionalCheckFailedException alreadyApplied) {
            // Replayed, redelivered, or the item was never created.
        }
    }

    /**
     * The item as it is now (a strongly consistent read), or an empty map. For the few updates an expression cannot
     * make (removing a list element by value): read, compute, then {@link #update} — still guarded by {@code _seq},
     * and safe because one aggregate's events are applied one at a time.
     */
    public Map<String, AttributeValue> get(String tenant, String key) {
        LiveTableBatch batch = LiveTableBatch.current();
        if (batch != null) {
            batch.awaitItem(item(tenant, key));
        }
        var item = dynamo.getItem(b -> b.tableName(table.name()).consistentRead(true)
                .key(Map.of(PARTITION_KEY, AttributeValue.fromS(tenant), SORT_KEY, AttributeValue.fromS(key))))
                .item();
        return item == null ? Map.of() : item;
    }

    /** Deletes an item unless a later event (a re-add) already wrote it. */
    public void delete(String tenant, String key, long seq) {
        write(tenant, key, () -> deleteNow(tenant, key, seq));
    }

    private void deleteNow(String tenant, String key, long seq) {
        try {
            dynamo.deleteItem(b -> b.tableName(table.name())
                    .key(Map.of(PARTITION_KEY, AttributeValue.fromS(tenant), SORT_KEY, AttributeValue.fromS(key)))
                    .conditionExpression(NEWER_ONLY)
                    .expressionAttributeNames(Map.of("#seq", SEQUENCE_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromN(Long.toString(seq)))));
        } catch (ConditionalCheckFailedException newer) {
            // A later event already wrote the item again: keep it.
        }
    }

    /** Now, or in this thread's live batch. */
    private void write(String tenant, String key, Runnable write) {
        LiveTableBatch batch = LiveTableBatch.current();
        if (batch == null) {
            write.run();
        } else {
            batch.submit(item(tenant, key), write);
        }
    }

    private String item(String tenant, String key) {
        return table.name() + '\n' + tenant + '\n' + key;
    }
}
