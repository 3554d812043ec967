package io.chariot.projections.dynamodb;

import io.chariot.projections.verify.ReadModelDigest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Chariot's single table: partition key {@code username} (the tenant), sort key {@code key}. One global secondary
 * index per searchable field ({@code username} + field) serves the {@code GET /my?key=field:value} prefix searches.
 */
public final class ChariotTable {

    public static final String PARTITION_KEY = "username";
    public static final String SORT_KEY = "key";
    /** Fields {@code GET /my} can search by prefix, each with its index {@code by-<field>}. */
    public static final List<String> SEARCHABLE_FIELDS = List.of("status", "source", "dns", "name");
    /** Written for idempotency; never returned to clients. */
    public static final String SEQUENCE_ATTRIBUTE = "_seq";
    /**
     * A webhook record's sealed pin (AES-GCM ciphertext, as the event holds it); the query API opens it into the
     * record's {@code value} for its tenant and never returns the attribute itself.
     */
    public static final String SEALED_ATTRIBUTE = "_sealed";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public ChariotTable(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    public String name() {
        return tableName;
    }

    public static String indexFor(String field) {
        return "by-" + field;
    }

    public void createIfMissing() {
        if (exists()) {
            return;
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        attributes.add(string(PARTITION_KEY));
        attributes.add(string(SORT_KEY));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (String field : SEARCHABLE_FIELDS) {
            attributes.add(string(field));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(indexFor(field))
                    .keySchema(key(PARTITION_KEY, KeyType.HASH), key(field, KeyType.RANGE))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        try {
            dynamo.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
                    .globalSecondaryIndexes(indexes));
        } catch (ResourceInUseException raced) {
            // Another instance created it first.
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    public void drop() {
        try {
            dynamo.deleteTable(b -> b.tableName(tableName));
            dynamo.waiter().waitUntilTableNotExists(b -> b.tableName(tableName));
        } catch (ResourceNotFoundException absent) {
            // Nothing to drop.
        }
    }

    /**
     * Deletes the items whose key starts with one of the prefixes, across tenants: how a read model clears its own
     * items from the shared table without touching the others'. Scans keys only and deletes in batches of 25.
     */
    public void deleteKeysStartingWith(Collection<String> prefixes) {
        if (!exists()) {
            return;
        }
        List<WriteRequest> batch = new ArrayList<>();
        for (var page : dynamo.scanPaginator(b -> b.tableName(tableName).projectionExpression("#pk, #sk")
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY)))) {
            for (var item : page.items()) {
                if (prefixes.stream().anyMatch(item.get(SORT_KEY).s()::startsWith)) {
                    batch.add(WriteRequest.builder().deleteRequest(d -> d.key(item)).build());
                    if (batch.size() == 25) {
                        flush(batch);
                    }
                }
            }
        }
        flush(batch);
    }

    /**
     * Deletes the items of one tenant's partition whose key the predicate accepts: how a read model removes a purged
     * tenant's items (and nothing of another tenant's). Reads keys only; deletes in batches of 25. Idempotent.
     */
    public void deleteTenantItems(String tenant, Predicate<String> key) {
        if (!exists()) {
            return;
        }
        List<WriteRequest> batch = new ArrayList<>();
        for (var page : dynamo.queryPaginator(b -> b.tableName(tableName).keyConditionExpression("#pk = :tenant")
                .projectionExpression("#pk, #sk")
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(tenant))))) {
            for (var item : page.items()) {
                if (key.test(item.get(SORT_KEY).s())) {
                    batch.add(WriteRequest.builder().deleteRequest(d -> d.key(item)).build());
                    if (batch.size() == 25) {
                        flush(batch);
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            flush(batch);
        }
    }

    /**
     * Per-tenant counts and content checksums of the items under the prefixes (everything but the {@code _seq}
     * bookkeeping), for verify.
     */
    public ReadModelDigest digest(Collection<String> prefixes) {
        var digest = ReadModelDigest.builder();
        if (!exists()) {
            return digest.build();
        }
        for (var page : dynamo.scanPaginator(b -> b.tableName(tableName))) {
            for (var item : page.items()) {
                String key = item.get(SORT_KEY).s();
                if (prefixes.stream().anyMatch(key::startsWith)) {
                    Map<String, Object> plain = new TreeMap<>();
                    item.forEach((k, v) -> {
                        if (!k.equals(SEQUENCE_ATTRIBUTE)) {
                            plain.put(k, plain(v));
                        }
                    });
                    digest.add(item.get(PARTITION_KEY).s(), ReadModelDigest.canonical(plain));
                }
            }
        }
        return digest.build();
    }

    private static Object plain(AttributeValue v) {
        if (v.s() != null) return "S" + v.s();
        if (v.n() != null) return "N" + v.n();
        if (v.bool() != null) return v.bool();
        if (Boolean.TRUE.equals(v.nul())) return null;
        if (v.hasL()) return v.l().stream().map(ChariotTable::plain).toList();
        if (v.hasM()) {
            Map<String, Object> m = new TreeMap<>();
            v.m().forEach((k, x) -> m.put(k, plain(x)));
            return m;
        }
        if (v.hasSs()) return new java.util.TreeSet<>(v.ss());
        if (v.hasNs()) return new java.util.TreeSet<>(v.ns());
        return String.valueOf(v);
    }

    private void flush(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, List.copyOf(batch));
        batch.clear();
        while (!pending.isEmpty() && !pending.getOrDefault(tableName, List.of()).isEmpty()) {
            var requests = pending;
            pending = dynamo.batchWriteItem(b -> b.requestItems(requests)).unprocessedItems();
        }
    }

    public boolean exists() {
        try {
            dynamo.describeTable(b -> b.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
