package io.chariot.projections.dynamodb;

import io.chariot.api.risk.RiskEvents.RiskCommentAdded;
import io.chariot.api.risk.RiskEvents.RiskHistoryRecordRemoved;
import io.chariot.api.risk.RiskEvents.RiskOpened;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskEvents.RiskTagsSet;
import io.chariot.api.risk.RiskEvents.RiskTargetAdded;
import io.chariot.api.risk.RiskEvents.RiskTicketsSet;
import io.chariot.api.risk.RiskEvents.RiskTitleChanged;
import io.chariot.api.risk.RiskEvents.RiskVisited;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;
import static io.chariot.projections.dynamodb.Items.historyRecord;
import static io.chariot.projections.dynamodb.Items.item;
import static io.chariot.projections.dynamodb.Items.n;
import static io.chariot.projections.dynamodb.Items.noteRecord;
import static io.chariot.projections.dynamodb.Items.s;
import static io.chariot.projections.dynamodb.Items.strings;
import static io.chariot.projections.dynamodb.Items.tickets;
import static io.chariot.projections.dynamodb.Items.time;

/**
 * Risks as Chariot table items ({@code #risk#{dns}#{name}}, {@code GET /my}); {@code status}, {@code source},
 * {@code dns} and {@code name} feed the table's field indexes. Every write is conditional on the item's last applied
 * aggregate sequence number ({@code _seq}), so a redelivered or replayed event changes nothing; history records are
 * appended (or blanked/removed by index) in the same conditional update ({@link SequencedTableWriter}).
 */
@ProcessingGroup(DynamoDbRiskProjection.NAME)
public class DynamoDbRiskProjection extends TableReadModel {

    public static final String NAME = "risks-dynamodb";


    public DynamoDbRiskProjection(TableSpace space) {
        super(NAME, space, List.of("#risk#"));
    }

    @Override
    protected TableReadModel newInstance() {
        return new DynamoDbRiskProjection(space());
    }

    @EventHandler
    void on(RiskOpened e, @SequenceNumber long seq) {
        var item = item()
                .put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("dns", e.dns()).put("name", e.name()).put("title", e.title()).put("source", e.source())
                .put("status", e.status()).put("priority", n(e.priority()))
                .put("created", time(e.at())).put("updated", time(e.at())).put("visited", time(e.at()))
                .put("ttl", n(e.ttl())).put("comment", e.comment() == null ? "" : e.comment())
                .put("history", AttributeValue.fromL(List.of()))
                .put("tags", strings(e.tags())).put("tickets", tickets(List.of())).build();
        writer().put(item, seq);
    }

    @EventHandler
    void on(RiskTargetAdded e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq, "SET updated = :at", Map.of(":at", time(e.at())), Map.of());
    }

    @EventHandler
    void on(RiskVisited e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq, "SET visited = :at, #ttl = :ttl",
                Map.of(":at", time(e.at()), ":ttl", n(e.ttl())), Map.of("#ttl", "ttl"));
    }

    @EventHandler
    void on(RiskStatusChanged e, @SequenceNumber long seq) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(e.to()), ":p", n(e.priority()),
                ":ttl", n(e.ttl()), ":at", time(e.at()), ":none", AttributeValue.fromL(List.of()),
                ":h", historyRecord(e.from(), e.to(), e.by(), e.comment() == null ? "" : e.comment(), e.at())));
        String set = "SET #status = :to, #priority = :p, #ttl = :ttl, updated = :at, "
                + "#history = list_append(if_not_exists(#history, :none), :h)";
        if (e.comment() != null) {
            set += ", #comment = :c";
            values.put(":c", s(e.comment()));
        }
        update(e.tenant(), e.key(), seq, set, values,
                Map.of("#status", "status", "#ttl", "ttl", "#comment", "comment"));
    }

    @EventHandler
    void on(RiskCommentAdded e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq,
                "SET #comment = :c, updated = :at, #history = list_append(if_not_exists(#history, :none), :h)",
                Map.of(":c", s(e.comment()), ":at", time(e.at()), ":none", AttributeValue.fromL(List.of()),
                        ":h", noteRecord(e.by(), e.comment(), e.at())),
                Map.of("#comment", "comment"));
    }

    @EventHandler
    void on(RiskHistoryRecordRemoved e, @SequenceNumber long seq) {
        if (e.dropped()) {
            update(e.tenant(), e.key(), seq, "REMOVE #history[" + e.index() + "] SET updated = :at",
                    Map.of(":at", time(e.at())), Map.of());
        } else {
            update(e.tenant(), e.key(), seq, "SET updated = :at, #history[" + e.index() + "].#comment = :empty",
                    Map.of(":at", time(e.at()), ":empty", s("")), Map.of("#comment", "comment"));
        }
    }

    @EventHandler
    void on(RiskTitleChanged e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq, "SET #title = :t, updated = :at",
                Map.of(":t", s(e.title()), ":at", time(e.at())), Map.of());
    }

    @EventHandler
    void on(RiskTagsSet e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq, "SET #tags = :tags, updated = :at",
                Map.of(":tags", strings(e.tags()), ":at", time(e.at())), Map.of());
    }

    @EventHandler
    void on(RiskTicketsSet e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq, "SET #tickets = :tickets, updated = :at",
                Map.of(":tickets", tickets(e.tickets()), ":at", time(e.at())), Map.of());
    }

    /** {@link SequencedTableWriter#update} with only the attribute names the expression uses (DynamoDB insists). */
    private void update(String tenant, String key, long seq, String expression,
                        Map<String, AttributeValue> values, Map<String, String> names) {
        Map<String, String> all = new HashMap<>(Map.of("#history", "history", "#priority", "priority",
                "#title", "title", "#tags", "tags", "#tickets", "tickets"));
        all.putAll(names);
        Map<String, String> used = new HashMap<>();
        all.forEach((k, v) -> {
            if (expression.contains(k)) {
                used.put(k, v);
            }
        });
        writer().update(tenant, key, seq, expression, values, used);
    }
}
