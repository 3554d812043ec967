package io.chariot.projections.dynamodb;

import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobEvents.JobQueued;
import io.chariot.api.job.JobEvents.JobStarted;
import io.chariot.api.job.JobQueries.FindQueuedJobs;
import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.api.job.JobQueries.QueuedJobs;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;
import static io.chariot.projections.dynamodb.Items.item;
import static io.chariot.projections.dynamodb.Items.n;
import static io.chariot.projections.dynamodb.Items.s;
import static io.chariot.projections.dynamodb.Items.strings;
import static io.chariot.projections.dynamodb.Items.time;

/**
 * Jobs as Chariot table items ({@code #job#{dns}#{identifier}#{capability}}, chariot-api.md §2.5), for
 * {@code GET /my?key=#job#} and {@code GET /my?key=status:JQ&label=job}: {@code status} is {@code {code}#{updated}}
 * and {@code source} {@code {capability}#{updated}}, both feeding the table's field indexes; {@code ttl} is 7 days
 * after the last change. Writes are conditional on the item's last applied sequence number ({@code _seq}).
 * <p>
 * It also answers {@link FindQueuedJobs} (the worker API's candidates): the by-status index of a tenant, from
 * {@code JQ#} upwards, is oldest-queued first.
 */
@ProcessingGroup(DynamoDbJobProjection.NAME)
public class DynamoDbJobProjection extends TableReadModel {

    public static final String NAME = "jobs-dynamodb";
    static final Duration JOB_TTL = Duration.ofDays(7);
    private static final String PREFIX = "#job#";

    private final DynamoDbClient dynamo;
    private final ReadTimeouts timeouts;

    public DynamoDbJobProjection(TableSpace space, DynamoDbClient dynamo, ReadTimeouts timeouts) {
        super(NAME, space, List.of(PREFIX));
        this.dynamo = dynamo;
        this.timeouts = timeouts;
    }

    @Override
    protected TableReadModel newInstance() {
        return new DynamoDbJobProjection(space(), dynamo, timeouts);
    }

    /** A (re-)queued job replaces the item: a new run starts with no started/finished/worker/reason. */
    @EventHandler
    void on(JobQueued e, @SequenceNumber long seq) {
        Map<String, AttributeValue> config = new HashMap<>();
        if (e.config() != null) {
            e.config().forEach((k, v) -> config.put(k, s(v)));
        }
        var job = item()
                .put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("dns", e.dns())
                .put("source", e.capability() + "#" + e.at())
                .put("status", "JQ#" + e.at())
                .put("created", time(e.created())).put("updated", time(e.at()))
                .put("ttl", n(ttl(e.at())))
                .put("config", AttributeValue.fromM(config))
                .put("credential_ids", strings(e.credentialIds()))
                .put("retries", n(e.retries()))
                .put("capabilities", strings(List.of(e.capability())))
                .put("target", AttributeValue.fromM(Map.of("type", s("asset"), "key", s(e.target()))));
        // a spawned job names its parent and its chain's first job as job wrappers (tabularium job.go)
        if (e.parent() != null) {
            job.put("parent", AttributeValue.fromM(Map.of("type", s("job"), "key", s(e.parent()))));
        }
        if (e.origin() != null) {
            job.put("origin", AttributeValue.fromM(Map.of("type", s("job"), "key", s(e.origin()))));
        }
        writer().put(job.build(), seq);
    }

    @EventHandler
    void on(JobStarted e, @SequenceNumber long seq) {
        writer().update(e.tenant(), e.key(), seq,
                "SET #status = :status, #source = :source, updated = :at, started = :at, worker = :worker, "
                        + "#ttl = :ttl",
                Map.of(":status", s("JR#" + e.at()), ":source", s(sourceOf(e.key(), e.at())), ":at", time(e.at()),
                        ":worker", s(e.worker()), ":ttl", n(ttl(e.at()))),
                Map.of("#status", "status", "#source", "source", "#ttl", "ttl"));
    }

    @EventHandler
    void on(JobFinished e, @SequenceNumber long seq) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(e.status() + "#" + e.at()),
                ":source", s(sourceOf(e.key(), e.at())), ":at", time(e.at()), ":ttl", n(ttl(e.at()))));
        String set = "SET #status = :status, #source = :source, updated = :at, finished = :at, #ttl = :ttl";
        if (e.reason() != null) {
            set += ", reason = :reason";
            values.put(":reason", s(e.reason()));
        }
        writer().update(e.tenant(), e.key(), seq, set, values,
                Map.of("#status", "status", "#source", "source", "#ttl", "ttl"));
    }

    /** A tenant's queued jobs, oldest first (status {@code JQ#{queued at}} sorts by time), of the given capabilities. */
    @QueryHandler
    public QueuedJobs handle(FindQueuedJobs query) {
        int limit = Math.max(1, query.limit());
        Map<String, String> names = new HashMap<>(Map.of("#pk", PARTITION_KEY, "#status", "status", "#k", SORT_KEY));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":tenant", s(query.tenant()), ":jq", s("JQ#"),
                ":job", s(PREFIX)));
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
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        String condition = filter;
        var bounded = AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeouts.readTimeout()).build();
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table().name())
                    .overrideConfiguration(bounded) // a claim is a read: a stalled store answers 503, never hangs
                    .indexName(ChariotTable.indexFor("status"))
                    .keyConditionExpression("#pk = :tenant AND begins_with(#status, :jq)")
                    .filterExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(from)
                    .limit(100));
            for (Map<String, AttributeValue> found : page.items()) {
                if (keys.size() < limit) {
                    keys.add(found.get(SORT_KEY).s());
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && keys.size() < limit);
        return new QueuedJobs(keys);
    }

    private static String sourceOf(String jobKey, Instant at) {
        return jobKey.substring(jobKey.lastIndexOf('#') + 1) + "#" + at;
    }

    private static long ttl(Instant at) {
        return at.plus(JOB_TTL).getEpochSecond();
    }
}
