package io.chariot.projections;

import org.axonframework.eventhandling.ResetHandler;

import java.util.function.IntFunction;

/**
 * The part every read model shares: a name, a store, and a <em>place</em> per generation (a table writer, a graph
 * writer with suffixed labels, Redis buckets under a prefix) that this instance reads and writes through.
 *
 * @param <P> what a generation's place is in this store
 */
public abstract class GenerationalReadModel<P> implements ReadModel {

    private final String name;
    private final String store;
    private final IntFunction<P> places;
    private volatile P place;
    private volatile int generation;

    protected GenerationalReadModel(String name, String store, IntFunction<P> places) {
        this.name = name;
        this.store = store;
        this.places = places;
        this.place = places.apply(0);
    }

    /** A fresh instance of the concrete read model (generation 0). */
    protected abstract GenerationalReadModel<P> newInstance();

    /** Where this instance's generation lives. */
    protected P place() {
        return place;
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
        return store;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public void useGeneration(int generation) {
        this.place = places.apply(generation);
        this.generation = generation;
    }

    @Override
    public ReadModel forGeneration(int generation) {
        GenerationalReadModel<P> copy = newInstance();
        copy.useGeneration(generation);
        return copy;
    }
}
