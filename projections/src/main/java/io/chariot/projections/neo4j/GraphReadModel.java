package io.chariot.projections.neo4j;

import io.chariot.api.account.AccountEvents.TenantPurged;
import io.chariot.projections.GenerationalReadModel;
import io.chariot.projections.verify.ReadModelDigest;

import org.axonframework.eventhandling.EventHandler;

import java.util.List;

/**
 * A Neo4j read model: nodes under some labels of the graph, in its generation (labels suffixed for a blue-green
 * build). Creates, clears, drops and digests only its own labels; groups writes in replays.
 * <p>
 * {@code POST /my} reads the whole graph in one generation (risk edges point at asset nodes, queries join labels),
 * so every graph read model is rebuilt and switched together: each must be named in {@link #GRAPH}.
 */
public abstract class GraphReadModel extends GenerationalReadModel<SequencedGraphWriter> {

    /** The graph's read models, rebuilt and switched as one. */
    public static final List<String> GRAPH =
            List.of(Neo4jAssetProjection.NAME, "risks-neo4j", "webpages-neo4j", "preseeds-neo4j");

    private final SequencedGraphWriter base;
    private final List<String> labels;

    protected GraphReadModel(String name, List<String> labels, SequencedGraphWriter graph) {
        super(name, "neo4j", graph::forGeneration);
        if (!GRAPH.contains(name)) {
            throw new IllegalStateException("graph read model " + name + " is missing from GraphReadModel.GRAPH: "
                    + "a blue-green switch of the graph would leave its nodes in an old generation");
        }
        this.base = graph;
        this.labels = List.copyOf(labels);
    }

    @Override
    public final List<String> rebuiltWith() {
        return GRAPH;
    }

    /** The generation-0 writer, to build another instance on. */
    protected SequencedGraphWriter baseWriter() {
        return base;
    }

    /** The writer of this instance's generation. */
    protected SequencedGraphWriter graph() {
        return place();
    }

    /** A purged tenant's nodes under this read model's labels go (ADR 0020), in a replay or rebuild too. */
    @EventHandler
    void on(TenantPurged purged) {
        graph().deleteTenant(labels, purged.tenant());
    }

    /** A uid constraint and a tenant index per label of this generation. */
    @Override
    public void ensureSchema() {
        GraphSchema.ensure(graph(), labels);
    }

    @Override
    public void clear() {
        graph().clear(labels);
    }

    @Override
    public void drop() {
        clear();
    }

    @Override
    public ReadModelDigest digest() {
        return graph().digest(labels);
    }

    @Override
    public void beginBatch() {
        graph().beginBatch();
    }

    @Override
    public void flushBatch() {
        graph().flushBatch();
    }

    @Override
    public void endBatch() {
        graph().endBatch();
    }
}
