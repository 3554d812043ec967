package io.chariot.migration.mapping;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic event identifiers: name-based UUIDs of the aggregate and what the event stands for. */
public final class DraftIds {

    private DraftIds() {
    }

    public static String of(String aggregateId, String what) {
        return UUID.nameUUIDFromBytes(("chariot-migration\u0000" + aggregateId + "\u0000" + what)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
