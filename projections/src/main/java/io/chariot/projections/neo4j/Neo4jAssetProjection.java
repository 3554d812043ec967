package io.chariot.projections.neo4j;

import io.chariot.api.asset.AssetEvents.AssetAttackSurfaceChanged;
import io.chariot.api.asset.AssetEvents.AssetChildDiscovered;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.chariot.projections.neo4j.GraphSchema.uid;


/**
 * Asset-like nodes (assets {@code :Asset:TTL}, web applications {@code :Asset:TTL:WebApplication}, AD domains
 * {@code :ADObject:TTL:ADDomain}; see {@link AssetKind}), Attribute and Port nodes with HAS_ATTRIBUTE, HAS_PORT and
 * DISCOVERED edges — the graph {@code POST /my} queries. A node is MERGEd by its kind's first label. Each node remembers the last aggregate sequence number applied to it ({@code _seq}); older events are
 * ignored, so replays and redeliveries are harmless. History is kept as a JSON string (Neo4j has no list of maps).
 */
@ProcessingGroup(Neo4jAssetProjection.NAME)
public class Neo4jAssetProjection extends GraphReadModel {

    public static final String NAME = "assets-neo4j";

    public Neo4jAssetProjection(SequencedGraphWriter graph) {
        super(NAME, GraphSchema.LABELS, graph);
    }

    /** 2: asset kinds (web applications, AD domains) and the attack-surface flags. */
    @Override
    public int version() {
        return 2;
    }

    @Override
    protected GraphReadModel newInstance() {
        return new Neo4jAssetProjection(baseWriter());
    }

    /** The uid constraints of the MERGE labels and the indexes of the labels clients query kinds by. */
    @Override
    public void ensureSchema() {
        super.ensureSchema();
        GraphSchema.ensure(graph(), GraphSchema.KIND_LABELS);
    }

    @EventHandler
    void on(AssetDiscovered e, @SequenceNumber long seq) {
        AssetKind kind = kindOf(e.key());
        Map<String, Object> props = AssetView.discovered(e).toWire();
        props.put("comment", e.comment());
        props.put("history", "[]");
        if (e.privateAddress()) {
            props.put("asname", "Non-Routable");
            props.put("asnumber", "0");
        }
        // Labels are the kind's constants, never input.
        String extraLabels = kind.graphLabels().stream().skip(2).map(l -> " SET a:" + l).reduce("", String::concat);
        write("MERGE (a:" + kind.mergeLabel() + ":TTL {uid: $uid})\n" + """
                WITH a WHERE coalesce(a._seq, -1) < $seq
                SET a += $props, a._seq = $seq
                FOREACH (_ IN CASE WHEN a.source = 'seed' THEN [1] ELSE [] END | SET a:Seed)
                """ + extraLabels, e.tenant(), e.key(), seq, Map.of("props", props));
    }

    @EventHandler
    void on(AssetVisited e, @SequenceNumber long seq) {
        write("MATCH (a:" + kindOf(e.key()).mergeLabel() + " {uid: $uid}) WHERE a._seq < $seq\n" + """
                SET a.visited = $at, a.ttl = $ttl, a._seq = $seq
                """, e.tenant(), e.key(), seq, Map.of("at", e.at().toString(), "ttl", e.ttl()));
    }

    @EventHandler
    void on(AssetGroupChanged e, @SequenceNumber long seq) {
        Map<String, Object> props = new LinkedHashMap<>();
        kindOf(e.key()).groupFields().forEach(field -> props.put(field, e.group()));
        props.put("updated", e.at().toString());
        write("MATCH (a:" + kindOf(e.key()).mergeLabel() + " {uid: $uid}) WHERE a._seq < $seq\n"
                + "SET a += $props, a._seq = $seq", e.tenant(), e.key(), seq, Map.of("props", props));
    }

    @EventHandler
    void on(AssetStatusChanged e, @SequenceNumber long seq) {
        appendHistory(e.tenant(), e.key(), seq, e.from(), e.to(), e.by(), e.comment(), e.at(),
                Map.of("status", e.to()));
    }

    /** A note (migrated from the legacy platform): {by, comment, updated} appended to the history. */
    @EventHandler
    void on(AssetCommentAdded e, @SequenceNumber long seq) {
        appendHistory(e.tenant(), e.key(), seq, null, null, e.by(), e.comment(), e.at(), Map.of());
    }

    @EventHandler
    void on(AssetSourcePromoted e, @SequenceNumber long seq) {
        appendHistory(e.tenant(), e.key(), seq, "", e.status(), e.by(), null, e.at(),
                Map.of("status", e.status(), "source", e.toSource(), "ttl", 0L));
        if ("seed".equals(e.toSource())) {
            graph().write("MATCH (a:" + kindOf(e.key()).mergeLabel() + " {uid: $uid}) SET a:Seed", e.tenant(),
                    e.key(), seq, Map.of());
        }
    }

    @EventHandler
    void on(AssetAttackSurfaceChanged e, @SequenceNumber long seq) {
        Map<String, Object> props = new LinkedHashMap<>(AttackSurfaces.flags(e.attackSurface()));
        props.put("attackSurface", e.attackSurface());
        props.put("updated", e.at().toString());
        write("MATCH (a:" + kindOf(e.key()).mergeLabel() + " {uid: $uid}) WHERE a._seq < $seq\n"
                + "SET a += $props, a._seq = $seq", e.tenant(), e.key(), seq, Map.of("props", props));
    }

    /**
     * A DISCOVERED edge from this asset to another. The child is another aggregate, maybe not projected yet: its node
     * is MERGEd by uid alone (no tenant, so no query sees it) and its own AssetDiscovered fills it.
     */
    @EventHandler
    void on(AssetChildDiscovered e, @SequenceNumber long seq) {
        write("MATCH (a:" + kindOf(e.key()).mergeLabel() + " {uid: $uid})\n"
                + "MERGE (c:" + kindOf(e.childKey()).mergeLabel() + ":TTL {uid: $child})\n" + """
                MERGE (a)-[d:DISCOVERED]->(c)
                ON CREATE SET d.created = $at, d.capability = $capability,
                              d.key = $parentKey + '#DISCOVERED' + $childKey
                SET d.visited = $at
                """, e.tenant(), e.key(), seq, Map.of("child", uid(e.tenant(), e.childKey()), "at", e.at().toString(),
                "capability", e.capability() == null ? "" : e.capability(), "parentKey", e.key(),
                "childKey", e.childKey()));
    }

    @EventHandler
    void on(AttributeAdded e, @SequenceNumber long seq) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("username", e.tenant());
        props.put("key", e.key());
        props.put("name", e.name());
        props.put("value", e.value());
        props.put("source", e.assetKey());
        props.put("status", "A");
        props.put("capability", e.capability());
        props.put("created", e.at().toString());
        props.put("visited", e.at().toString());
        props.put("ttl", e.ttl());
        write("MATCH (a:" + kindOf(e.assetKey()).mergeLabel() + " {uid: $parent})\n" + """
                MERGE (t:Attribute:TTL {uid: $uid})
                WITH a, t WHERE coalesce(t._seq, -1) < $seq
                SET t += $props, t._seq = $seq
                MERGE (a)-[r:HAS_ATTRIBUTE]->(t)
                ON CREATE SET r.created = $at, r.key = $parentKey + '#HAS_ATTRIBUTE' + $childKey
                SET r.visited = $at
                """, e.tenant(), e.key(), seq, Map.of("props", props, "parent", uid(e.tenant(), e.assetKey()),
                "at", e.at().toString(), "parentKey", e.assetKey(), "childKey", e.key()));
    }

    @EventHandler
    void on(AssetTagsSet e, @SequenceNumber long seq) {
        write("MATCH (a:" + kindOf(e.key()).mergeLabel() + " {uid: $uid}) WHERE a._seq < $seq\n"
                + "SET a.tags = $tags, a.updated = $at, a._seq = $seq", e.tenant(), e.key(), seq,
                Map.of("tags", e.tags(), "at", e.at().toString()));
    }

    @EventHandler
    void on(AttributeMetadataSet e, @SequenceNumber long seq) {
        write("MATCH (t:Attribute {uid: $uid}) WHERE t._seq < $seq SET t.metadata = $metadata, t._seq = $seq",
                e.tenant(), e.key(), seq, Map.of("metadata", e.metadata()));
    }

    @EventHandler
    void on(AttributeRemoved e, @SequenceNumber long seq) {
        graph().detachDelete("Attribute", e.tenant(), e.key(), seq);
    }

    @EventHandler
    void on(PortAdded e, @SequenceNumber long seq) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("username", e.tenant());
        props.put("key", e.key());
        props.put("source", e.assetKey());
        props.put("protocol", e.protocol());
        props.put("port", e.port());
        props.put("service", e.service());
        props.put("status", "A");
        props.put("capability", e.capability());
        props.put("created", e.at().toString());
        props.put("visited", e.at().toString());
        props.put("ttl", e.ttl());
        write("""
                MATCH (a:Asset {uid: $parent})
                MERGE (p:Port:TTL {uid: $uid})
                WITH a, p WHERE coalesce(p._seq, -1) < $seq
                SET p += $props, p._seq = $seq
                MERGE (a)-[r:HAS_PORT]->(p)
                ON CREATE SET r.created = $at, r.key = $parentKey + '#HAS_PORT' + $childKey
                SET r.visited = $at
                MERGE (a)-[d:DISCOVERED]->(p)
                ON CREATE SET d.created = $at, d.capability = $capability,
                              d.key = $parentKey + '#DISCOVERED' + $childKey
                """, e.tenant(), e.key(), seq, Map.of("props", props, "parent", uid(e.tenant(), e.assetKey()),
                "at", e.at().toString(), "parentKey", e.assetKey(), "childKey", e.key(),
                "capability", e.capability() == null ? "" : e.capability()));
    }

    @EventHandler
    void on(PortRemoved e, @SequenceNumber long seq) {
        graph().detachDelete("Port", e.tenant(), e.key(), seq);
    }


    private void appendHistory(String tenant, String key, long seq, String from, String to, String by,
                               String comment, Instant at, Map<String, Object> set) {
        graph().appendHistory(kindOf(key).mergeLabel(), tenant, key, seq, from, to, by, comment, at, set);
    }

    private static AssetKind kindOf(String key) {
        return AssetKind.ofKey(key).orElse(AssetKind.ASSET);
    }

    private void write(String cypher, String tenant, String key, long seq, Map<String, Object> params) {
        graph().write(cypher, tenant, key, seq, params);
    }

}
