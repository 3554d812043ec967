package io.chariot.projections.dynamodb;

import io.chariot.projections.ReadModel;
import org.axonframework.eventhandling.ResetHandler;

import java.util.List;

/**
 * A read model that lives in the shared Chariot table under its own key prefixes: it creates the table if needed
 * and, on reset, deletes only its own items (ADR 0002).
 */
public abstract class TableReadModel implements ReadModel {

    private final String name;
    private final ChariotTable table;
    private final List<String> keyPrefixes;

    protected TableReadModel(String name, ChariotTable table, List<String> keyPrefixes) {
        this.name = name;
        this.table = table;
        this.keyPrefixes = List.copyOf(keyPrefixes);
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

    @Override
    public void ensureSchema() {
        table.createIfMissing();
    }

    @Override
    public void clear() {
        table.deleteKeysStartingWith(keyPrefixes);
    }
}
