package io.chariot.projections.neo4j;

import io.chariot.api.asset.AssetEvents.PreseedAdded;
import io.chariot.api.asset.AssetEvents.PreseedRemoved;
import io.chariot.api.asset.AssetEvents.PreseedStatusChanged;
import io.chariot.projections.ReadModel;
import io.chariot.projections.verify.ReadModelDigest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preseed nodes ({@code :Preseed:TTL}, chariot-api.md §2.2): what praetorian-cli's {@code list preseeds} and
 * {@code get preseed} query through {@code POST /my}. Guarded by the aggregate sequence number like every node.
 */
@ProcessingGroup(Neo4jPreseedProjection.NAME)
public class Neo4jPreseedProjection implements ReadModel {

    public static final String NAME = "preseeds-neo4j";
    private static final String LABEL = "Preseed";

    private final SequencedGraphWriter base;
    private volatile SequencedGraphWriter graph;
    private volatile int generation;

    public Neo4jPreseedProjection(SequencedGraphWriter graph) {
        this.base = graph;
        this.graph = graph;
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
        graph.write("""
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
        graph.appendHistory(LABEL, e.tenant(), e.key(), seq, e.from(), e.to(), e.by(), e.comment(), e.at(), set);
    }

    @EventHandler
    void on(PreseedRemoved e) {
        graph.detachDelete(LABEL, e.tenant(), e.key());
    }

    @ResetHandler
    void reset() {
        clear();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String store() {
        return "neo4j";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void ensureSchema() {
        String label = graph.label(LABEL);
        String id = label.toLowerCase(java.util.Locale.ROOT);
        try (var session = graph.driver().session()) {
            session.run("CREATE CONSTRAINT " + id + "_uid IF NOT EXISTS FOR (n:" + label + ") REQUIRE n.uid IS UNIQUE")
                    .consume();
            session.run("CREATE INDEX " + id + "_tenant IF NOT EXISTS FOR (n:" + label + ") ON (n.username, n.key)")
                    .consume();
        }
    }

    @Override
    public void clear() {
        graph.clear(List.of(LABEL));
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public void useGeneration(int generation) {
        this.graph = base.forGeneration(generation);
        this.generation = generation;
    }

    @Override
    public ReadModel forGeneration(int generation) {
        var copy = new Neo4jPreseedProjection(base);
        copy.useGeneration(generation);
        return copy;
    }

    @Override
    public void drop() {
        clear();
    }

    @Override
    public ReadModelDigest digest() {
        return graph.digest(List.of(LABEL));
    }

    @Override
    public void beginBatch() {
        graph.beginBatch();
    }

    @Override
    public void flushBatch() {
        graph.flushBatch();
    }

    @Override
    public void endBatch() {
        graph.endBatch();
    }
}
