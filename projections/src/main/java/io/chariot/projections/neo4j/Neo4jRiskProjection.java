package io.chariot.projections.neo4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetEvents.AttributeRemoved;
import io.chariot.api.asset.AssetEvents.PortAdded;
import io.chariot.api.asset.AssetEvents.PortRemoved;
import io.chariot.api.asset.WebpageEvents.WebpageAdded;
import io.chariot.api.asset.WebpageEvents.WebpageRemoved;
import io.chariot.api.risk.RiskEvents.RiskAttributeAdded;
import io.chariot.api.risk.RiskEvents.RiskAttributeRemoved;
import io.chariot.api.risk.RiskEvents.RiskCommentAdded;
import io.chariot.api.risk.RiskEvents.RiskHistoryRecordRemoved;
import io.chariot.api.risk.RiskEvents.RiskOpened;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskEvents.RiskTagsSet;
import io.chariot.api.risk.RiskEvents.RiskTargetAdded;
import io.chariot.api.risk.RiskEvents.RiskTicketsSet;
import io.chariot.api.risk.RiskEvents.RiskTitleChanged;
import io.chariot.api.risk.RiskEvents.RiskVisited;
import io.chariot.api.risk.RiskKeys;
import io.chariot.api.risk.Ticket;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.chariot.projections.neo4j.GraphSchema.uid;

/**
 * {@code (:Risk:TTL)} nodes and {@code (target)-[:HAS_VULNERABILITY]->(risk)} edges, where the target (Asset,
 * Attribute, Port or Webpage) is the node whose uid is tenant + target key. Risk nodes keep {@code _seq} like every
 * node, so replays and redeliveries are harmless; history and tickets are JSON strings (Neo4j properties hold no
 * maps).
 * <p>
 * <b>Ordering.</b> This processing group runs independently of {@code assets-neo4j}, and Kafka orders events per
 * aggregate only, so a risk's event may be handled before its target's node exists (even when the target was created
 * first), and this group may run ahead of {@code assets-neo4j}. A label-less placeholder would be wrong (the asset
 * projection MERGEs by label and uid), so this group also handles the target events itself:
 * <ul>
 *     <li>{@link AssetDiscovered}, {@link AttributeAdded}, {@link PortAdded}, {@link WebpageAdded} MERGE the target
 *     node with exactly the labels its projection MERGEs ({@code Asset:TTL} — {@code ADObject:TTL} for AD domains —,
 *     {@code Attribute:TTL}, {@code Port:TTL}, {@code Webpage:TTL}) and only
 *     {@code uid}; the asset projection fills the rest in (its {@code _seq} guard treats the node as new). Without
 *     {@code username} the stub is invisible to {@code POST /my}, which scopes every node to the tenant. The target
 *     does exist: its event says so.</li>
 *     <li>A risk event whose target node is missing leaves a {@code (:PendingVulnerability {target, risk})} node;
 *     the target's event later creates the edge and deletes it.</li>
 *     <li>{@link AttributeRemoved} / {@link PortRemoved} / {@link WebpageRemoved} delete the node as its projection
 *     does, so a lagging stub never resurrects a removed target.</li>
 * </ul>
 * Either order ends with the edge. A target that never appears leaves only the invisible pending node. Resetting
 * {@code assets-neo4j} alone drops these edges, and the risks' own attribute nodes (they carry its {@code Attribute}
 * label too): rebuild both groups together.
 */
@ProcessingGroup(Neo4jRiskProjection.NAME)
public class Neo4jRiskProjection extends GraphReadModel {

    public static final String NAME = "risks-neo4j";
    /** RiskAttribute: the risks' own attribute nodes (also labelled Attribute, the label clients query). */
    private static final List<String> LABELS = List.of("Risk", "PendingVulnerability", "RiskAttribute");

    private final ObjectMapper json;

    public Neo4jRiskProjection(SequencedGraphWriter graph, ObjectMapper json) {
        super(NAME, LABELS, graph);
        this.json = json;
    }

    @Override
    protected GraphReadModel newInstance() {
        return new Neo4jRiskProjection(baseWriter(), json);
    }

    @EventHandler
    void on(RiskOpened e, @SequenceNumber long seq) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("username", e.tenant());
        props.put("key", e.key());
        props.put("dns", e.dns());
        props.put("name", e.name());
        props.put("title", e.title());
        props.put("source", e.source());
        props.put("status", e.status());
        props.put("priority", e.priority());
        props.put("created", e.at().toString());
        props.put("updated", e.at().toString());
        props.put("visited", e.at().toString());
        props.put("ttl", e.ttl());
        props.put("comment", e.comment() == null ? "" : e.comment());
        props.put("history", "[]");
        props.put("tags", e.tags() == null ? List.of() : e.tags());
        props.put("tickets", "[]");
        graph().write("""
                MERGE (r:Risk:TTL {uid: $uid})
                WITH r WHERE coalesce(r._seq, -1) < $seq
                SET r += $props, r._seq = $seq
                """, e.tenant(), e.key(), seq, Map.of("props", props));
        link(e.tenant(), e.target(), e.key(), seq, e.at());
    }

    @EventHandler
    void on(RiskTargetAdded e, @SequenceNumber long seq) {
        link(e.tenant(), e.target(), e.key(), seq, e.at());
    }

    @EventHandler
    void on(RiskVisited e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, Map.of("visited", e.at().toString(), "ttl", e.ttl()));
        link(e.tenant(), e.target(), e.key(), seq, e.at());
    }

    @EventHandler
    void on(RiskStatusChanged e, @SequenceNumber long seq) {
        Map<String, Object> props = new HashMap<>(Map.of("status", e.to(), "priority", e.priority(),
                "ttl", e.ttl()));
        if (e.comment() != null) {
            props.put("comment", e.comment());
        }
        graph().appendHistory("Risk", e.tenant(), e.key(), seq, e.from() == null ? "" : e.from(), e.to(), e.by(),
                e.comment() == null ? "" : e.comment(), e.at(), props);
    }

    /** A note: {by, comment, updated}, no from/to. */
    @EventHandler
    void on(RiskCommentAdded e, @SequenceNumber long seq) {
        graph().appendHistory("Risk", e.tenant(), e.key(), seq, null, null, e.by(), e.comment(), e.at(),
                Map.of("comment", e.comment()));
    }

    @EventHandler
    void on(RiskHistoryRecordRemoved e, @SequenceNumber long seq) {
        history(e.tenant(), e.key(), seq, h -> {
            if (e.index() < h.size()) {
                if (e.dropped()) {
                    h.remove(e.index());
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> r = new LinkedHashMap<>((Map<String, Object>) h.get(e.index()));
                    r.put("comment", "");
                    h.set(e.index(), r);
                }
            }
            return h;
        }, Map.of("updated", e.at().toString()));
    }

    @EventHandler
    void on(RiskTitleChanged e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, Map.of("title", e.title(), "updated", e.at().toString()));
    }

    @EventHandler
    void on(RiskTagsSet e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, Map.of("tags", e.tags(), "updated", e.at().toString()));
    }

    @EventHandler
    void on(RiskTicketsSet e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, Map.of("tickets", write(e.tickets().stream().map(Ticket::toWire).toList()), "updated", e.at().toString()));
    }

    /**
     * A risk's own attribute: an {@code (:Attribute:RiskAttribute:TTL)} node shaped like an asset's, with
     * {@code source} the risk key and a {@code HAS_ATTRIBUTE} edge from the risk, so {@code source:{risk key}}
     * searches find it. Its key ends in the risk key, so it never meets an asset's attribute node; the
     * {@code RiskAttribute} label makes it this model's to clear and digest. (Only the graph holds risk attributes:
     * clients read attributes through it.)
     */
    @EventHandler
    void on(RiskAttributeAdded e, @SequenceNumber long seq) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("username", e.tenant());
        props.put("key", e.attributeKey());
        props.put("name", e.name());
        props.put("value", e.value());
        props.put("source", e.key());
        props.put("status", "A");
        props.put("capability", e.capability());
        props.put("created", e.at().toString());
        props.put("visited", e.at().toString());
        props.put("ttl", e.ttl());
        graph().write("""
                MATCH (r:Risk {uid: $parent})
                MERGE (t:Attribute:RiskAttribute:TTL {uid: $uid})
                WITH r, t WHERE coalesce(t._seq, -1) < $seq
                SET t += $props, t._seq = $seq
                MERGE (r)-[h:HAS_ATTRIBUTE]->(t)
                ON CREATE SET h.created = $at, h.key = $parentKey + '#HAS_ATTRIBUTE' + $childKey
                SET h.visited = $at
                """, e.tenant(), e.attributeKey(), seq, Map.of("props", props, "parent", uid(e.tenant(), e.key()),
                "at", e.at().toString(), "parentKey", e.key(), "childKey", e.attributeKey()));
    }

    @EventHandler
    void on(RiskAttributeRemoved e, @SequenceNumber long seq) {
        graph().detachDelete("Attribute", e.tenant(), e.attributeKey(), seq);
    }

    // Targets: make sure their node exists, and attach the edges of risks that were seen first.

    @EventHandler
    void on(AssetDiscovered e, @SequenceNumber long seq) {
        targetAppeared(e.tenant(), e.key(), seq);
    }

    @EventHandler
    void on(AttributeAdded e, @SequenceNumber long seq) {
        targetAppeared(e.tenant(), e.key(), seq);
    }

    @EventHandler
    void on(PortAdded e, @SequenceNumber long seq) {
        targetAppeared(e.tenant(), e.key(), seq);
    }

    @EventHandler
    void on(WebpageAdded e, @SequenceNumber long seq) {
        targetAppeared(e.tenant(), e.key(), seq);
    }

    @EventHandler
    void on(WebpageRemoved e, @SequenceNumber long seq) {
        targetRemoved("Webpage", e.tenant(), e.key(), seq);
    }

    @EventHandler
    void on(AttributeRemoved e, @SequenceNumber long seq) {
        targetRemoved("Attribute", e.tenant(), e.key(), seq);
    }

    @EventHandler
    void on(PortRemoved e, @SequenceNumber long seq) {
        targetRemoved("Port", e.tenant(), e.key(), seq);
    }

    /** The asset labels it links to, its own, and the index that finds pending links by target. */
    @Override
    public void ensureSchema() {
        GraphSchema.ensure(graph(), GraphSchema.LABELS);
        GraphSchema.ensure(graph(), List.of("Webpage"));
        super.ensureSchema();
        String pending = graph().label("PendingVulnerability");
        try (var session = graph().driver().session()) {
            session.run("CREATE INDEX " + pending.toLowerCase() + "_target IF NOT EXISTS FOR (n:" + pending
                    + ") ON (n.target)").consume();
        }
    }


    /**
     * The HAS_VULNERABILITY edge if the target and risk nodes exist, else a pending record of it. One statement that
     * names both nodes, so it groups with other links (ADR 0030) and stays behind every statement on either.
     */
    private void link(String tenant, String targetKey, String riskKey, long seq, Instant at) {
        String label = RiskKeys.targetLabel(targetKey);
        graph().write("OPTIONAL MATCH (t:" + label + " {uid: $target}) OPTIONAL MATCH (r:Risk {uid: $uid})\n" + """
                FOREACH (_ IN CASE WHEN t IS NULL OR r IS NULL THEN [] ELSE [1] END |
                  MERGE (t)-[e:HAS_VULNERABILITY]->(r)
                  ON CREATE SET e.created = $at, e.key = $targetKey + '#HAS_VULNERABILITY' + $riskKey
                  SET e.visited = $at)
                FOREACH (_ IN CASE WHEN t IS NULL OR r IS NULL THEN [1] ELSE [] END |
                  MERGE (p:PendingVulnerability {uid: $target + '->' + $uid})
                  SET p.target = $target, p.risk = $uid, p.targetKey = $targetKey, p.riskKey = $riskKey, p.at = $at)
                """, tenant, riskKey, seq, Map.of("target", uid(tenant, targetKey), "targetKey", targetKey,
                "riskKey", riskKey, "at", at.toString()));
    }

    /**
     * The target's node (a stub of its uid alone, without username, so no tenant-scoped query sees it before
     * assets-neo4j fills it) and the edges of the risks that were seen first. One statement named by the target: the
     * risk it reaches through a pending record was named, with the target, by the link that left the record, so a
     * grouped batch (ADR 0030) still runs this after that link.
     */
    private void targetAppeared(String tenant, String targetKey, long seq) {
        String label = RiskKeys.targetLabel(targetKey);
        graph().write("MERGE (t:" + label + ":TTL {uid: $uid})\n" + """
                WITH t
                MATCH (p:PendingVulnerability {target: $uid})
                OPTIONAL MATCH (r:Risk {uid: p.risk})
                FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END |
                  MERGE (t)-[e:HAS_VULNERABILITY]->(r)
                  ON CREATE SET e.created = p.at, e.key = p.targetKey + '#HAS_VULNERABILITY' + p.riskKey
                  SET e.visited = p.at)
                DELETE p
                """, tenant, targetKey, seq, Map.of());
    }

    /** Only a node no later event re-added: assets-neo4j may already have applied a re-add this one has not seen. */
    private void targetRemoved(String label, String tenant, String targetKey, long seq) {
        graph().detachDelete(label, tenant, targetKey, seq);
    }

    private void set(String tenant, String key, long seq, Map<String, Object> props) {
        graph().write("MATCH (r:Risk {uid: $uid}) WHERE r._seq < $seq SET r += $props, r._seq = $seq",
                tenant, key, seq, Map.of("props", props));
    }

    private void history(String tenant, String key, long seq, UnaryOperator<List<Object>> change,
                         Map<String, Object> set) {
        graph().inWrite(tx -> {
            var current = tx.run(graph().cypher("MATCH (r:Risk {uid: $uid}) WHERE r._seq < $seq RETURN r.history AS h"),
                    Map.of("uid", uid(tenant, key), "seq", seq)).list();
            if (current.isEmpty()) {
                return null;
            }
            Map<String, Object> props = new HashMap<>(set);
            props.put("history", write(change.apply(read(current.get(0).get("h").asString("[]")))));
            props.put("_seq", seq);
            tx.run(graph().cypher("MATCH (r:Risk {uid: $uid}) SET r += $props"),
                    Map.of("uid", uid(tenant, key), "props", props)).consume();
            return null;
        });
    }

    private List<Object> read(String history) {
        try {
            return new ArrayList<>(List.of(json.readValue(history, Object[].class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable history on node", e);
        }
    }

    private String write(List<?> list) {
        try {
            return json.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
