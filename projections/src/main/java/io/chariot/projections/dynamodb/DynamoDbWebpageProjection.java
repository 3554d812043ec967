package io.chariot.projections.dynamodb;

import io.chariot.api.asset.WebpageEvents.WebpageAdded;
import io.chariot.api.asset.WebpageEvents.WebpageParentLinked;
import io.chariot.api.asset.WebpageEvents.WebpageRemoved;
import io.chariot.api.asset.WebpageEvents.WebpageSourceLinked;
import io.chariot.api.asset.WebpageEvents.WebpageSourceUnlinked;
import io.chariot.api.asset.WebpageEvents.WebpageVisited;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
 * Webpages as Chariot table items under {@code #webpage#} ({@code GET /my?key=#webpage#}), with the keys of their
 * parent web applications ({@code parents}) and linked sources ({@code artifacts}). Writes are conditional on the
 * aggregate sequence number (replay-safe); removal deletes the item.
 */
@ProcessingGroup(DynamoDbWebpageProjection.NAME)
public class DynamoDbWebpageProjection extends TableReadModel {

    public static final String NAME = "webpages-dynamodb";

    public DynamoDbWebpageProjection(TableSpace space) {
        super(NAME, space, List.of("#webpage#"));
    }

    @Override
    protected TableReadModel newInstance() {
        return new DynamoDbWebpageProjection(space());
    }

    @EventHandler
    void on(WebpageAdded e, @SequenceNumber long seq) {
        writer().put(item().put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("url", e.url()).put("status", e.status())
                .put("created", time(e.at())).put("visited", time(e.at())).put("updated", time(e.at()))
                .put("ttl", n(e.ttl()))
                .put("parents", strings(e.parentKey() == null ? List.of() : List.of(e.parentKey())))
                .put("artifacts", strings(List.of()))
                .build(), seq);
    }

    @EventHandler
    void on(WebpageVisited e, @SequenceNumber long seq) {
        writer().update(e.tenant(), e.key(), seq, "SET visited = :at, #ttl = :ttl",
                Map.of(":at", time(e.at()), ":ttl", n(e.ttl())), Map.of("#ttl", "ttl"));
    }

    @EventHandler
    void on(WebpageParentLinked e, @SequenceNumber long seq) {
        append(e.tenant(), e.key(), seq, "parents", e.parentKey(), e.at());
    }

    @EventHandler
    void on(WebpageSourceLinked e, @SequenceNumber long seq) {
        append(e.tenant(), e.key(), seq, "artifacts", e.entityKey(), e.at());
    }

    @EventHandler
    void on(WebpageSourceUnlinked e, @SequenceNumber long seq) {
        var current = writer().get(e.tenant(), e.key()).get("artifacts");
        List<AttributeValue> kept = current == null ? List.of()
                : current.l().stream().filter(v -> !e.entityKey().equals(v.s())).toList();
        writer().update(e.tenant(), e.key(), seq, "SET artifacts = :kept, updated = :at",
                Map.of(":kept", AttributeValue.fromL(kept), ":at", time(e.at())), Map.of());
    }

    @EventHandler
    void on(WebpageRemoved e, @SequenceNumber long seq) {
        writer().delete(e.tenant(), e.key(), seq);
    }

    private void append(String tenant, String key, long seq, String list, String value, java.time.Instant at) {
        writer().update(tenant, key, seq, "SET #list = list_append(if_not_exists(#list, :none), :v), updated = :at",
                Map.of(":none", AttributeValue.fromL(List.of()), ":v", AttributeValue.fromL(List.of(s(value))),
                        ":at", time(at)), Map.of("#list", list));
    }
}
