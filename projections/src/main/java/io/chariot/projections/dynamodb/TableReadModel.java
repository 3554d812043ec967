package io.chariot.projections.dynamodb;

import io.chariot.api.account.AccountEvents.TenantPurged;
import io.chariot.projections.GenerationalReadModel;
import io.chariot.projections.verify.ReadModelDigest;

import org.axonframework.eventhandling.EventHandler;

import java.util.List;

/**
 * A read model that lives in a Chariot-shaped table under its own key prefixes: generation 0 shares the Chariot
 * table with the other read models and, on reset, deletes only its own items (ADR 0002); later generations have a
 * table of their own ({@link TableSpace}).
 */
public abstract class TableReadModel extends GenerationalReadModel<SequencedTableWriter> {

    private final TableSpace space;
    private final List<String> keyPrefixes;

    protected TableReadModel(String name, TableSpace space, List<String> keyPrefixes) {
        super(name, "dynamodb", generation -> new SequencedTableWriter(space.dynamo(), space.table(name, generation)));
        this.space = space;
        this.keyPrefixes = List.copyOf(keyPrefixes);
    }

    protected TableSpace space() {
        return space;
    }

    protected SequencedTableWriter writer() {
        return place();
    }

    /** The key prefixes this read model owns, e.g. {@code #asset#}. */
    public List<String> keyPrefixes() {
        return keyPrefixes;
    }

    /** The table of this instance's generation. */
    public ChariotTable table() {
        return writer().table();
    }

    /**
     * A purged tenant's items under this read model's prefixes go (ADR 0020): also in a replay or rebuild, which
     * so ends purged too.
     */
    @EventHandler
    void on(TenantPurged purged) {
        LiveTableBatch batch = LiveTableBatch.current();
        if (batch != null) {
            batch.awaitAll(); // the tenant's items written earlier in the batch go too
        }
        table().deleteTenantItems(purged.tenant(), key -> purges(purged.tenant(), key));
    }

    /** Whether a purge of {@code tenant} removes the item {@code key} of its partition: by default, every item. */
    protected boolean purges(String tenant, String key) {
        return keyPrefixes.stream().anyMatch(key::startsWith);
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
        if (generation() == 0) {
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
