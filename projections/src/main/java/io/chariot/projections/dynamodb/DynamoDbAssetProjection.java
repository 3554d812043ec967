package io.chariot.projections.dynamodb;

import io.chariot.api.asset.AssetEvents.AssetAttackSurfaceChanged;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetGroupChanged;
import io.chariot.api.asset.AssetEvents.AssetSourcePromoted;
import io.chariot.api.asset.AssetEvents.AssetCommentAdded;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AssetTagsSet;
import io.chariot.api.asset.AssetEvents.AssetVisited;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetEvents.AttributeMetadataSet;
import io.chariot.api.asset.AssetEvents.AttributeRemoved;
import io.chariot.api.asset.AssetEvents.PortAdded;
import io.chariot.api.asset.AssetEvents.PortRemoved;
import io.chariot.api.asset.AssetKind;
import io.chariot.api.asset.AssetView;
import io.chariot.api.asset.AttackSurfaces;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;
import static io.chariot.projections.dynamodb.Items.bool;
import static io.chariot.projections.dynamodb.Items.historyRecord;
import static io.chariot.projections.dynamodb.Items.item;
import static io.chariot.projections.dynamodb.Items.n;
import static io.chariot.projections.dynamodb.Items.noteRecord;
import static io.chariot.projections.dynamodb.Items.s;
import static io.chariot.projections.dynamodb.Items.strings;
import static io.chariot.projections.dynamodb.Items.time;

/**
 * Assets of every {@link AssetKind} (assets, web applications, AD domains), attributes and ports as Chariot table
 * items ({@code GET /my}), each kind with its own fields for group and identifier. Every write is conditional on the item's
 * last applied aggregate sequence number, so a redelivered or replayed event changes nothing.
 */
@ProcessingGroup(DynamoDbAssetProjection.NAME)
public class DynamoDbAssetProjection extends TableReadModel {

    public static final String NAME = "assets-dynamodb";

    public DynamoDbAssetProjection(TableSpace space) {
        super(NAME, space, List.of("#asset#", "#webapplication#", "#addomain#", "#attribute#", "#port#"));
    }

    /** 2: asset kinds (web applications, AD domains) and the attack-surface flags. */
    @Override
    public int version() {
        return 2;
    }

    @Override
    protected TableReadModel newInstance() {
        return new DynamoDbAssetProjection(space());
    }

    @EventHandler
    void on(AssetDiscovered e, @SequenceNumber long seq) {
        // username (the partition key), key (the sort key) and the rest of the asset's client shape
        var item = Items.wire(AssetView.discovered(e).toWire())
                .put("comment", e.comment()).put("history", AttributeValue.fromL(List.of()));
        if (e.privateAddress()) {
            item.put("asname", "Non-Routable").put("asnumber", "0");
        }
        put(item.build(), seq);
    }

    @EventHandler
    void on(AssetVisited e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq, "SET visited = :at, #ttl = :ttl",
                Map.of(":at", time(e.at()), ":ttl", n(e.ttl())), Map.of("#ttl", "ttl"));
    }

    @EventHandler
    void on(AssetStatusChanged e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq,
                "SET #status = :to, updated = :at, history = list_append(if_not_exists(history, :none), :h)",
                Map.of(":to", s(e.to()), ":at", time(e.at()), ":none", AttributeValue.fromL(List.of()),
                        ":h", historyRecord(e.from(), e.to(), e.by(), e.comment(), e.at())),
                Map.of("#status", "status"));
    }

    /** A note (migrated from the legacy platform): appended to the history, the status unchanged. */
    @EventHandler
    void on(AssetCommentAdded e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq,
                "SET updated = :at, history = list_append(if_not_exists(history, :none), :h)",
                Map.of(":at", time(e.at()), ":none", AttributeValue.fromL(List.of()),
                        ":h", noteRecord(e.by(), e.comment(), e.at())), Map.of());
    }

    @EventHandler
    void on(AssetSourcePromoted e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq,
                "SET #source = :source, #status = :status, #ttl = :zero, updated = :at, "
                        + "history = list_append(if_not_exists(history, :none), :h)",
                Map.of(":source", s(e.toSource()), ":status", s(e.status()), ":zero", n(0), ":at", time(e.at()),
                        ":none", AttributeValue.fromL(List.of()),
                        ":h", historyRecord("", e.status(), e.by(), null, e.at())),
                Map.of("#source", "source", "#status", "status", "#ttl", "ttl"));
    }

    @EventHandler
    void on(AssetGroupChanged e, @SequenceNumber long seq) {
        Map<String, String> names = new HashMap<>();
        List<String> sets = new ArrayList<>();
        for (String field : kindOf(e.key()).groupFields()) {
            names.put("#" + field, field);
            sets.add("#" + field + " = :group");
        }
        update(e.tenant(), e.key(), seq, "SET " + String.join(", ", sets) + ", updated = :at",
                Map.of(":group", s(e.group()), ":at", time(e.at())), names);
    }

    @EventHandler
    void on(AssetAttackSurfaceChanged e, @SequenceNumber long seq) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":surface", strings(e.attackSurface()),
                ":at", time(e.at())));
        StringBuilder set = new StringBuilder("SET attackSurface = :surface, updated = :at");
        AttackSurfaces.flags(e.attackSurface()).forEach((flag, on) -> {
            set.append(", ").append(flag).append(" = :").append(flag);
            values.put(":" + flag, bool(on));
        });
        update(e.tenant(), e.key(), seq, set.toString(), values, Map.of());
    }

    @EventHandler
    void on(AttributeAdded e, @SequenceNumber long seq) {
        put(item().put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("name", e.name()).put("value", e.value()).put("source", e.assetKey())
                .put("status", "A").put("capability", e.capability())
                .put("created", time(e.at())).put("visited", time(e.at())).put("ttl", n(e.ttl()))
                .build(), seq);
    }

    @EventHandler
    void on(AssetTagsSet e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq, "SET #tags = :tags, updated = :at",
                Map.of(":tags", strings(e.tags()), ":at", time(e.at())), Map.of("#tags", "tags"));
    }

    @EventHandler
    void on(AttributeMetadataSet e, @SequenceNumber long seq) {
        update(e.tenant(), e.key(), seq, "SET #metadata = :metadata", Map.of(":metadata", s(e.metadata())),
                Map.of("#metadata", "metadata"));
    }

    @EventHandler
    void on(AttributeRemoved e, @SequenceNumber long seq) {
        writer().delete(e.tenant(), e.key(), seq);
    }

    @EventHandler
    void on(PortAdded e, @SequenceNumber long seq) {
        put(item().put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("source", e.assetKey()).put("protocol", e.protocol()).put("port", n(e.port()))
                .put("service", e.service()).put("status", "A").put("capability", e.capability())
                .put("created", time(e.at())).put("visited", time(e.at())).put("ttl", n(e.ttl()))
                .build(), seq);
    }

    @EventHandler
    void on(PortRemoved e, @SequenceNumber long seq) {
        writer().delete(e.tenant(), e.key(), seq);
    }

    private static AssetKind kindOf(String key) {
        return AssetKind.ofKey(key).orElse(AssetKind.ASSET);
    }

    private void put(Map<String, AttributeValue> item, long seq) {
        writer().put(item, seq);
    }

    private void update(String tenant, String key, long seq, String setExpression,
                        Map<String, AttributeValue> values, Map<String, String> names) {
        writer().update(tenant, key, seq, setExpression, values, names);
    }
}
