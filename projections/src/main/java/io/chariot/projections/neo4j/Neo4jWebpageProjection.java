package io.chariot.projections.neo4j;

import io.chariot.api.asset.AssetKind;
import io.chariot.api.asset.WebpageEvents.WebpageAdded;
import io.chariot.api.asset.WebpageEvents.WebpageParentLinked;
import io.chariot.api.asset.WebpageEvents.WebpageRemoved;
import io.chariot.api.asset.WebpageEvents.WebpageSourceLinked;
import io.chariot.api.asset.WebpageEvents.WebpageSourceUnlinked;
import io.chariot.api.asset.WebpageEvents.WebpageVisited;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.neo4j.GraphSchema.uid;

/**
 * {@code (:Webpage:TTL)} nodes and {@code (:WebApplication)-[:HAS_WEBPAGE]->(:Webpage)} edges — what
 * praetorian-cli's {@code webpage.get/list} (optionally by parent) query through {@code POST /my}. Guarded by the
 * aggregate sequence number like every node.
 * <p>
 * <b>Ordering.</b> A webpage's events may be handled before its parent web application's node exists (Kafka orders
 * per aggregate only). The edge's parent end is therefore MERGEd with the labels {@code assets-neo4j} MERGEs
 * web applications by ({@code Asset:TTL}) and only a {@code uid}: without a {@code username} no tenant-scoped query
 * sees it until the asset projection fills it in. Either order ends with the edge. The graph's read models are
 * rebuilt together.
 */
@ProcessingGroup(Neo4jWebpageProjection.NAME)
public class Neo4jWebpageProjection extends GraphReadModel {

    public static final String NAME = "webpages-neo4j";
    private static final String LABEL = "Webpage";
    private static final String PARENT = AssetKind.WEBAPPLICATION.mergeLabel();

    public Neo4jWebpageProjection(SequencedGraphWriter graph) {
        super(NAME, List.of(LABEL), graph);
    }

    @Override
    protected GraphReadModel newInstance() {
        return new Neo4jWebpageProjection(baseWriter());
    }

    @EventHandler
    void on(WebpageAdded e, @SequenceNumber long seq) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("username", e.tenant());
        props.put("key", e.key());
        props.put("url", e.url());
        props.put("status", e.status());
        props.put("created", e.at().toString());
        props.put("visited", e.at().toString());
        props.put("updated", e.at().toString());
        props.put("ttl", e.ttl());
        props.put("parents", e.parentKey() == null ? List.of() : List.of(e.parentKey()));
        props.put("artifacts", List.of());
        // A page added again after its removal starts afresh: replace every property.
        graph().write("""
                MERGE (w:Webpage:TTL {uid: $uid})
                WITH w WHERE coalesce(w._seq, -1) < $seq
                SET w = $props, w.uid = $uid, w._seq = $seq
                """, e.tenant(), e.key(), seq, Map.of("props", props));
        if (e.parentKey() != null) {
            link(e.tenant(), e.key(), e.parentKey(), seq, e.at());
        }
    }

    @EventHandler
    void on(WebpageVisited e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, "w.visited = $at, w.ttl = $ttl", Map.of("at", e.at().toString(),
                "ttl", e.ttl()));
    }

    @EventHandler
    void on(WebpageParentLinked e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, "w.parents = coalesce(w.parents, []) + $parent, w.updated = $at",
                Map.of("parent", e.parentKey(), "at", e.at().toString()));
        link(e.tenant(), e.key(), e.parentKey(), seq, e.at());
    }

    @EventHandler
    void on(WebpageSourceLinked e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq, "w.artifacts = coalesce(w.artifacts, []) + $entity, w.updated = $at",
                Map.of("entity", e.entityKey(), "at", e.at().toString()));
    }

    @EventHandler
    void on(WebpageSourceUnlinked e, @SequenceNumber long seq) {
        set(e.tenant(), e.key(), seq,
                "w.artifacts = [x IN coalesce(w.artifacts, []) WHERE x <> $entity], w.updated = $at",
                Map.of("entity", e.entityKey(), "at", e.at().toString()));
    }

    @EventHandler
    void on(WebpageRemoved e, @SequenceNumber long seq) {
        graph().detachDelete(LABEL, e.tenant(), e.key(), seq);
    }

    /** Web applications are MERGEd by their Asset label, whose uid constraint assets-neo4j creates. */
    @Override
    public void ensureSchema() {
        GraphSchema.ensure(graph(), List.of(PARENT));
        super.ensureSchema();
    }


    private void set(String tenant, String key, long seq, String assignments, Map<String, Object> params) {
        graph().write("MATCH (w:Webpage {uid: $uid}) WHERE w._seq < $seq SET " + assignments + ", w._seq = $seq",
                tenant, key, seq, params);
    }

    /**
     * The HAS_WEBPAGE edge from the parent web application (or its stub) to the page, if the page is at this
     * event's sequence number (a replayed older event does not touch it).
     */
    private void link(String tenant, String key, String parentKey, long seq, Instant at) {
        graph().write("MATCH (w:Webpage {uid: $uid}) WHERE w._seq = $seq\n"
                + "MERGE (p:" + PARENT + ":TTL {uid: $parent})\n" + """
                MERGE (p)-[r:HAS_WEBPAGE]->(w)
                ON CREATE SET r.created = $at, r.key = $parentKey + '#HAS_WEBPAGE' + $childKey
                SET r.visited = $at
                """, tenant, key, seq, Map.of("parent", uid(tenant, parentKey), "parentKey", parentKey,
                "childKey", key, "at", at.toString()));
    }
}
