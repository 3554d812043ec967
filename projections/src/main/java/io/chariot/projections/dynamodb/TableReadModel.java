package io.chariot.projections.dynamodb;

import io.chariot.projections.ReadModel;
import io.chariot.projections.verify.ReadModelDigest;
import org.axonframework.eventhandling.ResetHandler;

import java.util.List;

/**
 * A read model that lives in a Chariot-shaped table under its own key prefixes: generation 0 shares the Chariot
 * table with the other read models and, on reset, deletes only its own items (ADR 0002); later generations have a
 * table of their own ({@link TableSpace}).
 */
public abstract class TableReadModel implements ReadModel {

    private final String name;
    private final TableSpace space;
    private final List<String> keyPrefixes;
    private volatile int generation;
    private volatile SequencedTableWriter writer;

    protected TableReadModel(String name, TableSpace space, List<String> keyPrefixes) {
        this.name = name;
        this.space = space;
        this.keyPrefixes = List.copyOf(keyPrefixes);
        useGeneration(0);
    }

    /** A fresh instance of the concrete read model on the same table space. */
    protected abstract TableReadModel newInstance(TableSpace space);

    protected SequencedTableWriter writer() {
        return writer;
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
        return "dynamodb";
    }

    @Override
    public int version() {
        return 1;
    }

    /** The key prefixes this read model owns, e.g. {@code #asset#}. */
    public List<String> keyPrefixes() {
        return keyPrefixes;
    }

    /** The table of this instance's generation. */
    public ChariotTable table() {
        return writer.table();
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public void useGeneration(int generation) {
        this.writer = new SequencedTableWriter(space.dynamo(), space.table(name, generation));
        this.generation = generation;
    }

    @Override
    public ReadModel forGeneration(int generation) {
        TableReadModel copy = newInstance(space);
        copy.useGeneration(generation);
        return copy;
    }

    @Override
    public void ensureSchema() {
        table().createIfMissing();
    }

    @Override
    public void clear() {
        table().deleteKeysStartingWith(keyPrefixes);
    }

    @Override
    public void drop() {
        if (generation == 0) {
            clear(); // the shared table: only our items
        } else {
            table().drop();
        }
    }

    @Override
    public ReadModelDigest digest() {
        return table().digest(keyPrefixes);
    }
}
