package io.chariot.projections.dynamodb;

import io.chariot.api.file.FileEvents.FileDeleted;
import io.chariot.api.file.FileEvents.FileUploaded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.util.List;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;
import static io.chariot.projections.dynamodb.Items.item;
import static io.chariot.projections.dynamodb.Items.n;
import static io.chariot.projections.dynamodb.Items.time;

/**
 * Stored files as Chariot table items {@code #file#{name}} ({@code GET /my?key=#file#}, as praetorian-cli lists
 * them): name, updated, size and SHA-256 — never the bytes. Replay-safe by aggregate sequence number.
 */
@ProcessingGroup(DynamoDbFileProjection.NAME)
public class DynamoDbFileProjection extends TableReadModel {

    public static final String NAME = "files-dynamodb";

    public DynamoDbFileProjection(TableSpace space) {
        super(NAME, space, List.of("#file#"));
    }

    @Override
    protected TableReadModel newInstance() {
        return new DynamoDbFileProjection(space());
    }

    @EventHandler
    void on(FileUploaded e, @SequenceNumber long seq) {
        writer().put(item().put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("name", e.name()).put("size", n(e.size())).put("sha256", e.sha256())
                .put("updated", time(e.at())).put("by", e.by())
                .build(), seq);
    }

    @EventHandler
    void on(FileDeleted e, @SequenceNumber long seq) {
        writer().delete(e.tenant(), e.key(), seq);
    }
}
