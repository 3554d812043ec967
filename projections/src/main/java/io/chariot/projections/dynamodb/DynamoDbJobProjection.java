package io.chariot.projections.dynamodb;

import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobEvents.JobQueued;
import io.chariot.api.job.JobEvents.JobStarted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
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
 * The by-status index of a tenant, from {@code JQ#} upwards, is oldest-queued first: the query side answers the
 * worker API's candidates ({@code FindQueuedJobs}) from it.
 */
@ProcessingGroup(DynamoDbJobProjection.NAME)
public class DynamoDbJobProjection extends TableReadModel {

    public static final String NAME = "jobs-dynamodb";
    static final Duration JOB_TTL = Duration.ofDays(7);
    private static final String PREFIX = "#job#";

    public DynamoDbJobProjection(TableSpace space) {
        super(NAME, space, List.of(PREFIX));
    }

    @Override
    protected TableReadModel newInstance() {
        return new DynamoDbJobProjection(space());
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

    private static String sourceOf(String jobKey, Instant at) {
        return jobKey.substring(jobKey.lastIndexOf('#') + 1) + "#" + at;
    }

    private static long ttl(Instant at) {
        return at.plus(JOB_TTL).getEpochSecond();
    }
}
