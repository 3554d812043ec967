package io.chariot.query.my;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.asset.AssetQueries.SearchByField;
import io.chariot.api.asset.AssetQueries.SearchByKey;
import io.chariot.gateway.web.BadRequestException;
import io.chariot.projections.dynamodb.ChariotTable;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SEQUENCE_ATTRIBUTE;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;

/**
 * {@code GET /my} over the Chariot table: a key prefix (or exact key) or a {@code field:value} prefix, always inside
 * the caller's tenant partition. Offsets are opaque tokens wrapping DynamoDB's LastEvaluatedKey; one pointing at
 * another tenant's partition is rejected.
 */
public class KeySearch {

    private final DynamoDbClient dynamo;
    private final ChariotTable table;
    private final ObjectMapper json;

    public KeySearch(DynamoDbClient dynamo, ChariotTable table, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
    }

    public record Result(List<Map<String, Object>> items, String offset) {
    }

    public Result byKey(SearchByKey q) {
        if (q.exact()) {
            var item = dynamo.getItem(b -> b.tableName(table.name())
                    .key(Map.of(PARTITION_KEY, AttributeValue.fromS(q.tenant()), SORT_KEY,
                            AttributeValue.fromS(q.keyPrefix())))).item();
            return new Result(item == null || item.isEmpty() ? List.of() : List.of(toJson(item)), null);
        }
        var request = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("#pk = :tenant AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(q.tenant()),
                        ":prefix", AttributeValue.fromS(q.keyPrefix())))
                .limit(q.limit());
        return run(request, q.tenant(), q.offset());
    }

    public Result byField(SearchByField q) {
        if (!ChariotTable.SEARCHABLE_FIELDS.contains(q.field())) {
            throw new BadRequestException("cannot search by field '" + q.field() + "'; searchable fields are "
                    + ChariotTable.SEARCHABLE_FIELDS);
        }
        var values = new LinkedHashMap<String, AttributeValue>();
        values.put(":tenant", AttributeValue.fromS(q.tenant()));
        String condition = "#pk = :tenant";
        var names = new LinkedHashMap<String, String>(Map.of("#pk", PARTITION_KEY, "#f", q.field()));
        if (!q.valuePrefix().isEmpty()) {
            condition += " AND begins_with(#f, :value)";
            values.put(":value", AttributeValue.fromS(q.valuePrefix()));
        }
        var request = QueryRequest.builder().tableName(table.name()).indexName(ChariotTable.indexFor(q.field()))
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .limit(q.limit());
        if (q.label() != null && !q.label().isBlank()) {
            names.put("#sk", SORT_KEY);
            // A label names a kind (job → #job#); one starting with '#' is already a key prefix (#asset#example.com).
            String keyPrefix = q.label().startsWith("#") ? q.label() : "#" + q.label().toLowerCase() + "#";
            values.put(":label", AttributeValue.fromS(keyPrefix));
            request.filterExpression("begins_with(#sk, :label)")
                    .expressionAttributeNames(names).expressionAttributeValues(values);
        }
        return run(request, q.tenant(), q.offset());
    }

    private Result run(QueryRequest.Builder request, String tenant, String offset) {
        if (offset != null && !offset.isBlank()) {
            request.exclusiveStartKey(decodeOffset(offset, tenant));
        }
        var response = dynamo.query(request.build());
        List<Map<String, Object>> items = new ArrayList<>();
        response.items().forEach(i -> items.add(toJson(i)));
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? encodeOffset(response.lastEvaluatedKey()) : null;
        return new Result(items, next);
    }

    private Map<String, Object> toJson(Map<String, AttributeValue> item) {
        var copy = new LinkedHashMap<>(item);
        copy.remove(SEQUENCE_ATTRIBUTE);
        try {
            return json.readValue(EnhancedDocument.fromAttributeValueMap(copy).toJson(), new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable item " + item.get(SORT_KEY), e);
        }
    }

    private String encodeOffset(Map<String, AttributeValue> lastKey) {
        Map<String, String> plain = new LinkedHashMap<>();
        lastKey.forEach((k, v) -> plain.put(k, v.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, AttributeValue> decodeOffset(String offset, String tenant) {
        String token = offset.trim();
        // The CLI sends back json.dumps(previous offset): accept the token with or without JSON quotes.
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            token = token.substring(1, token.length() - 1);
        }
        Map<String, String> plain;
        try {
            plain = json.readValue(Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII)),
                    new TypeReference<>() {
                    });
        } catch (Exception e) {
            throw new BadRequestException("offset is not a value returned by a previous /my response");
        }
        if (plain == null || !tenant.equals(plain.get(PARTITION_KEY)) || plain.get(SORT_KEY) == null) {
            throw new BadRequestException("offset is not a value returned by a previous /my response");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        plain.forEach((k, v) -> key.put(k, AttributeValue.fromS(v)));
        return key;
    }
}
