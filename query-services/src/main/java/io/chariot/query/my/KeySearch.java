package io.chariot.query.my;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.asset.AssetQueries.SearchByField;
import io.chariot.api.asset.AssetQueries.SearchByKey;
import io.chariot.api.input.Inputs;
import io.chariot.api.input.StoreLimits;
import io.chariot.websupport.secrets.HookPins;
import io.chariot.websupport.secrets.SecretBox;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.projections.dynamodb.KeyRange;
import io.chariot.projections.availability.ReadTimeouts;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import io.chariot.query.shape.HistoryShape;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

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
 * <p>
 * Each read model's items are read from its live generation's table ({@link TableRouting}); usually all share the
 * Chariot table. When a search spans read models living in different tables (after a blue-green rebuild), the
 * tables are read one after the other and the offset also names the table to continue in.
 */
public class KeySearch {

    private static final String TABLE_FIELD = "_table";

    private final DynamoDbClient dynamo;
    private final TableRouting tables;
    private final ObjectMapper json;
    private final ReadTimeouts timeouts;
    private final SecretBox secrets;

    public KeySearch(DynamoDbClient dynamo, TableRouting tables, ObjectMapper json, ReadTimeouts timeouts,
                     SecretBox secrets) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.json = json;
        this.timeouts = timeouts;
        this.secrets = secrets;
    }

    public record Result(List<Map<String, Object>> items, String offset) {
    }

    public Result byKey(SearchByKey q) {
        if (q.exact()) {
            String table = tables.forKeyPrefix(q.keyPrefix()).get(0);
            var item = dynamo.getItem(b -> b.tableName(table).overrideConfiguration(bounded(timeouts.deadline()))
                    .key(Map.of(PARTITION_KEY, AttributeValue.fromS(q.tenant()), SORT_KEY,
                            AttributeValue.fromS(q.keyPrefix())))).item();
            return new Result(item == null || item.isEmpty() ? List.of() : List.of(toJson(item)), null);
        }
        var values = new LinkedHashMap<String, AttributeValue>();
        values.put(":tenant", AttributeValue.fromS(q.tenant()));
        var request = QueryRequest.builder()
                .keyConditionExpression("#pk = :tenant AND "
                        + KeyRange.startsWith("#sk", ":prefix", q.keyPrefix(), values))
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                .expressionAttributeValues(values)
                .limit(q.limit());
        return run(request, tables.forKeyPrefix(q.keyPrefix()), q.tenant(), q.offset());
    }

    public Result byField(SearchByField q) {
        if (!ChariotTable.SEARCHABLE_FIELDS.contains(q.field())) {
            throw new BadRequestException("cannot search by field '" + q.field() + "'; searchable fields are "
                    + ChariotTable.SEARCHABLE_FIELDS);
        }
        var values = new LinkedHashMap<String, AttributeValue>();
        values.put(":tenant", AttributeValue.fromS(q.tenant()));
        String condition = "#pk = :tenant";
        var names = new LinkedHashMap<String, String>(Map.of("#pk", PARTITION_KEY));
        if (!q.valuePrefix().isEmpty()) {
            // an index key is at most 1,024 bytes: a longer prefix matches nothing, and DynamoDB refuses it
            Inputs.text(q.field(), q.valuePrefix(), StoreLimits.INDEXED_BYTES);
            condition += " AND " + KeyRange.startsWith("#f", ":value", q.valuePrefix(), values);
            names.put("#f", q.field());
        }
        var request = QueryRequest.builder().indexName(ChariotTable.indexFor(q.field()))
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .limit(q.limit());
        // A label names a kind (job → #job#); one starting with '#' is already a key prefix (#asset#example.com).
        String keyPrefix = q.label() == null || q.label().isBlank() ? null
                : q.label().startsWith("#") ? q.label() : "#" + q.label().toLowerCase() + "#";
        if (keyPrefix != null) {
            names.put("#sk", SORT_KEY);
            values.put(":label", AttributeValue.fromS(keyPrefix));
            request.filterExpression("begins_with(#sk, :label)")
                    .expressionAttributeNames(names).expressionAttributeValues(values);
        }
        List<String> candidates = keyPrefix == null ? tables.all() : tables.forKeyPrefix(keyPrefix);
        return run(request, candidates, q.tenant(), q.offset());
    }

    private Result run(QueryRequest.Builder request, List<String> candidates, String tenant, String offset) {
        int index = 0;
        if (offset != null && !offset.isBlank()) {
            Map<String, AttributeValue> start = decodeOffset(offset, tenant);
            AttributeValue table = start.remove(TABLE_FIELD);
            if (table != null) {
                index = candidates.indexOf(table.s());
                if (index < 0) {
                    throw new BadRequestException("offset is not a value returned by a previous /my response");
                }
            }
            if (start.containsKey(SORT_KEY)) {
                request.exclusiveStartKey(start);
            }
        }
        // Fill the page from one table after the other; the offset says where to go on.
        Integer limit = request.build().limit();
        List<Map<String, Object>> items = new ArrayList<>();
        String next = null;
        ReadTimeouts.Deadline deadline = timeouts.deadline();
        while (true) {
            String table = candidates.get(index);
            if (limit != null) {
                request.limit(limit - items.size());
            }
            QueryResponse response;
            try {
                response = dynamo.query(request.tableName(table).overrideConfiguration(bounded(deadline)).build());
            } catch (DynamoDbException e) {
                if (offset != null && !offset.isBlank() && e.statusCode() == 400) {
                    // a forged offset naming attributes or values no previous page could have produced
                    throw new BadRequestException("offset is not a value returned by a previous /my response");
                }
                throw e;
            }
            response.items().forEach(i -> items.add(toJson(i)));
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                Map<String, AttributeValue> last = new LinkedHashMap<>(response.lastEvaluatedKey());
                if (candidates.size() > 1) {
                    last.put(TABLE_FIELD, AttributeValue.fromS(table));
                }
                next = encodeOffset(last);
                break;
            }
            if (index + 1 >= candidates.size()) {
                break;
            }
            index++;
            request.exclusiveStartKey(null);
            if (limit != null && items.size() >= limit) {
                next = encodeOffset(Map.of(PARTITION_KEY, AttributeValue.fromS(tenant),
                        TABLE_FIELD, AttributeValue.fromS(candidates.get(index))));
                break;
            }
        }
        return new Result(items, next);
    }

    /**
     * The SDK's own client-side time-out over the whole call, retries included: a stalled DynamoDB fails the call
     * with an ApiCallTimeoutException (503) instead of holding the request thread for the socket time-out.
     */
    private static AwsRequestOverrideConfiguration bounded(ReadTimeouts.Deadline deadline) {
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(deadline.remaining()).build();
    }

    private Map<String, Object> toJson(Map<String, AttributeValue> item) {
        var copy = new LinkedHashMap<>(item);
        copy.remove(SEQUENCE_ATTRIBUTE);
        AttributeValue sealed = copy.remove(ChariotTable.SEALED_ATTRIBUTE);
        if (sealed != null && sealed.s() != null) {
            // a webhook record: its tenant reads the pin as the value (the URL praetorian-cli builds needs it)
            String aggregateId = item.get(PARTITION_KEY).s() + item.get(SORT_KEY).s();
            HookPins.open(secrets, json, sealed.s(), aggregateId)
                    .ifPresent(pin -> copy.put("value", AttributeValue.fromS(pin)));
        }
        try {
            return HistoryShape.shape(json.readValue(EnhancedDocument.fromAttributeValueMap(copy).toJson(),
                    new TypeReference<>() {
                    }));
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
        if (plain == null || !tenant.equals(plain.get(PARTITION_KEY))
                || (plain.get(SORT_KEY) == null && plain.get(TABLE_FIELD) == null)) {
            throw new BadRequestException("offset is not a value returned by a previous /my response");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        plain.forEach((k, v) -> {
            if (v == null || Inputs.utf8Bytes("offset", v) > StoreLimits.KEY_BYTES) {
                throw new BadRequestException("offset is not a value returned by a previous /my response");
            }
            key.put(k, AttributeValue.fromS(v));
        });
        return key;
    }
}
