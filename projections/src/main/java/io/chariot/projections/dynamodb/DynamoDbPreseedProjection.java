package io.chariot.projections.dynamodb;

import io.chariot.api.asset.AssetEvents.PreseedAdded;
import io.chariot.api.asset.AssetEvents.PreseedRemoved;
import io.chariot.api.asset.AssetEvents.PreseedStatusChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;
import static io.chariot.projections.dynamodb.Items.historyRecord;
import static io.chariot.projections.dynamodb.Items.item;
import static io.chariot.projections.dynamodb.Items.n;
import static io.chariot.projections.dynamodb.Items.s;
import static io.chariot.projections.dynamodb.Items.time;

/**
 * Preseeds as Chariot table items under {@code #preseed#} ({@code GET /my?key=#preseed#}). Status changes append
 * history; removal deletes the item. Writes are conditional on the aggregate sequence number (replay-safe).
 */
@ProcessingGroup(DynamoDbPreseedProjection.NAME)
public class DynamoDbPreseedProjection extends TableReadModel {

    public static final String NAME = "preseeds-dynamodb";

    public DynamoDbPreseedProjection(TableSpace space) {
        super(NAME, space, List.of("#preseed#"));
    }

    @Override
    protected TableReadModel newInstance() {
        return new DynamoDbPreseedProjection(space());
    }

    @EventHandler
    void on(PreseedAdded e, @SequenceNumber long seq) {
        writer().put(item().put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("type", e.type()).put("title", e.title()).put("value", e.value()).put("display", "text")
                .put("status", e.status()).put("comment", e.comment()).put("source", "provided")
                .put("created", time(e.at())).put("visited", time(e.at())).put("updated", time(e.at()))
                .put("ttl", n(e.ttl())).put("history", AttributeValue.fromL(List.of()))
                .build(), seq);
    }

    @EventHandler
    void on(PreseedStatusChanged e, @SequenceNumber long seq) {
        writer().update(e.tenant(), e.key(), seq,
                "SET #status = :to, updated = :at, history = list_append(if_not_exists(history, :none), :h)",
                Map.of(":to", s(e.to()), ":at", time(e.at()), ":none", AttributeValue.fromL(List.of()),
                        ":h", historyRecord(e.from(), e.to(), e.by(), e.comment(), e.at())),
                Map.of("#status", "status"));
    }

    @EventHandler
    void on(PreseedRemoved e, @SequenceNumber long seq) {
        writer().delete(e.tenant(), e.key(), seq);
    }
}
