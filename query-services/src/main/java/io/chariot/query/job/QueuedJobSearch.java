package io.chariot.query.job;

import io.chariot.api.job.JobQueries.FindQueuedJobs;
import io.chariot.api.job.JobQueries.QueuedJobs;
import io.chariot.projections.ReadModels;
import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.projections.dynamodb.DynamoDbJobProjection;
import io.chariot.projections.dynamodb.KeyRange;
import io.chariot.projections.dynamodb.TableReadModel;
import org.axonframework.queryhandling.QueryHandler;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;

/**
 * The job context's question to the jobs read model — a tenant's queued jobs, for a worker's claim — answered on the
 * query side like every other read of a read model: projections only write. The job context asks through Axon's
 * query bus ({@link FindQueuedJobs}), so the answer comes from here whether the query service runs in its process or
 * in another.
 */
public class QueuedJobSearch {

    private static final String JOB_PREFIX = "#job#";
    private static final int PAGE = 100;

    private final DynamoDbClient dynamo;
    private final ReadModels models;
    private final ReadTimeouts timeouts;

    public QueuedJobSearch(DynamoDbClient dynamo, ReadModels models, ReadTimeouts timeouts) {
        this.dynamo = dynamo;
        this.models = models;
        this.timeouts = timeouts;
    }

    /** A tenant's queued jobs, oldest first (status {@code JQ#{queued at}} sorts by time), of the given capabilities. */
    @QueryHandler
    public QueuedJobs handle(FindQueuedJobs query) {
        int limit = Math.max(1, query.limit());
        Map<String, String> names = new HashMap<>(Map.of("#pk", PARTITION_KEY, "#status", "status", "#k", SORT_KEY));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":tenant", s(query.tenant()), ":job", s(JOB_PREFIX)));
        String queued = KeyRange.startsWith("#status", ":jq", "JQ#", values);
        String filter = "begins_with(#k, :job)";
        List<String> capabilities = query.capabilities() == null ? List.of() : query.capabilities();
        if (!capabilities.isEmpty()) {
            names.put("#source", "source");
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < capabilities.size(); i++) {
                values.put(":c" + i, s(capabilities.get(i) + "#"));
                alternatives.add("begins_with(#source, :c" + i + ")");
            }
            filter += " AND (" + String.join(" OR ", alternatives) + ")";
        }
        String table = liveTable();
        var bounded = AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeouts.readTimeout()).build();
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        String condition = filter;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table)
                    .overrideConfiguration(bounded) // a claim is a read: a stalled store answers 503, never hangs
                    .indexName(ChariotTable.indexFor("status"))
                    .keyConditionExpression("#pk = :tenant AND " + queued)
                    .filterExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(from)
                    .limit(PAGE));
            for (Map<String, AttributeValue> found : page.items()) {
                if (keys.size() < limit) {
                    keys.add(found.get(SORT_KEY).s());
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && keys.size() < limit);
        return new QueuedJobs(keys);
    }

    /** The table the jobs read model serves from now (a rebuild may have moved it to another generation's). */
    private String liveTable() {
        return models.named(DynamoDbJobProjection.NAME).filter(TableReadModel.class::isInstance)
                .map(m -> ((TableReadModel) m).table().name())
                .orElseThrow(() -> new IllegalStateException("no " + DynamoDbJobProjection.NAME + " read model"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
