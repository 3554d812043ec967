package io.chariot.query.my;

import io.chariot.projections.ReadModels;
import io.chariot.projections.dynamodb.ChariotTable;
import io.chariot.projections.dynamodb.TableReadModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The read alias on the DynamoDB side: which table holds the items under a key prefix right now. Each DynamoDB read
 * model owns some key prefixes and lives in its live generation's table; the Chariot table (generation 0) comes
 * first, and serves prefixes no read model owns.
 */
public class TableRouting {

    private final ReadModels models;
    private final ChariotTable base;

    public TableRouting(ReadModels models, ChariotTable base) {
        this.models = models;
        this.base = base;
    }

    /** The tables holding items whose keys start with the prefix (or that the prefix starts with). */
    public List<String> forKeyPrefix(String prefix) {
        String p = prefix == null ? "" : prefix;
        Set<String> out = new LinkedHashSet<>();
        for (TableReadModel model : tableModels()) {
            if (model.keyPrefixes().stream().anyMatch(owned -> owned.startsWith(p) || p.startsWith(owned))) {
                out.add(model.table().name());
            }
        }
        return ordered(out);
    }

    /** Every table a read model lives in. */
    public List<String> all() {
        Set<String> out = new LinkedHashSet<>();
        tableModels().forEach(m -> out.add(m.table().name()));
        return ordered(out);
    }

    private List<TableReadModel> tableModels() {
        return models.all().stream().filter(TableReadModel.class::isInstance).map(TableReadModel.class::cast)
                .toList();
    }

    private List<String> ordered(Set<String> tables) {
        List<String> out = new ArrayList<>();
        if (tables.isEmpty() || tables.remove(base.name())) {
            out.add(base.name());
        }
        out.addAll(tables);
        return out;
    }
}
