package io.chariot.projections.neo4j;

import io.chariot.api.asset.AssetEvents.PreseedAdded;
import io.chariot.api.asset.AssetEvents.PreseedRemoved;
import io.chariot.api.asset.AssetEvents.PreseedStatusChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preseed nodes ({@code :Preseed:TTL}, chariot-api.md §2.2): what praetorian-cli's {@code list preseeds} and
 * {@code get preseed} query through {@code POST /my}. Guarded by the aggregate sequence number like every node.
 */
@ProcessingGroup(Neo4jPreseedProjection.NAME)
public class Neo4jPreseedProjection extends GraphReadModel {

    public static final String NAME = "preseeds-neo4j";
    private static final String LABEL = "Preseed";

    public Neo4jPreseedProjection(SequencedGraphWriter graph) {
        super(NAME, List.of(LABEL), graph);
    }

    @Override
    protected GraphReadModel newInstance() {
        return new Neo4jPreseedProjection(baseWriter());
    }

    @EventHandler
    void on(PreseedAdded e, @SequenceNumber long seq) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("username", e.tenant());
        props.put("key", e.key());
        props.put("type", e.type());
        props.put("title", e.title());
        props.put("value", e.value());
        props.put("display", "text");
        props.put("status", e.status());
        props.put("source", "provided");
        props.put("created", e.at().toString());
        props.put("visited", e.at().toString());
        props.put("updated", e.at().toString());
        props.put("ttl", e.ttl());
        props.put("history", "[]");
        if (e.comment() != null) {
            props.put("comment", e.comment());
        }
        graph().write("""
                MERGE (p:Preseed:TTL {uid: $uid})
                WITH p WHERE coalesce(p._seq, -1) < $seq
                SET p += $props, p._seq = $seq
                """, e.tenant(), e.key(), seq, Map.of("props", props));
    }

    @EventHandler
    void on(PreseedStatusChanged e, @SequenceNumber long seq) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("status", e.to());
        if (e.comment() != null) {
            set.put("comment", e.comment());
        }
        graph().appendHistory(LABEL, e.tenant(), e.key(), seq, e.from(), e.to(), e.by(), e.comment(), e.at(), set);
    }

    @EventHandler
    void on(PreseedRemoved e, @SequenceNumber long seq) {
        graph().detachDelete(LABEL, e.tenant(), e.key(), seq);
    }
}
