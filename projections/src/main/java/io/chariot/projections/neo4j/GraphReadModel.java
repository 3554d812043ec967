package io.chariot.projections.neo4j;

import io.chariot.projections.ReadModel;
import io.chariot.projections.verify.ReadModelDigest;
import org.axonframework.eventhandling.ResetHandler;

import java.util.List;

/**
 * A Neo4j read model: nodes under some labels of the graph, in its generation (labels suffixed for a blue-green
 * build). Creates, clears, drops and digests only its own labels; groups writes in replays.
 */
public abstract class GraphReadModel implements ReadModel {

    private final String name;
    private final List<String> labels;
    private final SequencedGraphWriter base;
    private volatile SequencedGraphWriter graph;
    private volatile int generation;

    protected GraphReadModel(String name, List<String> labels, SequencedGraphWriter graph) {
        this.name = name;
        this.labels = List.copyOf(labels);
        this.base = graph;
        this.graph = graph;
    }

    /** A fresh instance of the concrete read model on the generation-0 writer. */
    protected abstract GraphReadModel newInstance(SequencedGraphWriter base);

    /** The writer of this instance's generation. */
    protected SequencedGraphWriter graph() {
        return graph;
    }

    @ResetHandler
    void reset() {
        clear();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String store() {
        return "neo4j";
    }

    @Override
    public int version() {
        return 1;
    }

    /** A uid constraint and a tenant index per label of this generation. */
    @Override
    public void ensureSchema() {
        GraphSchema.ensure(graph, labels);
    }

    @Override
    public void clear() {
        graph.clear(labels);
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
        GraphReadModel copy = newInstance(base);
        copy.useGeneration(generation);
        return copy;
    }

    @Override
    public void drop() {
        clear();
    }

    @Override
    public ReadModelDigest digest() {
        return graph.digest(labels);
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
