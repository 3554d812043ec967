package io.chariot.consistency.written;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.MetaData;

import java.util.List;

/**
 * The events a command stored travel back to its sender as metadata of the command's result, under one key, as a
 * JSON string: a plain string survives every serializer a distributed command bus may use.
 */
public final class WrittenEvents {

    /** The result-metadata key. */
    public static final String METADATA_KEY = "chariot-written-events";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<WrittenEvent>> LIST = new TypeReference<>() {
    };

    private WrittenEvents() {
    }

    public static MetaData asMetaData(List<WrittenEvent> events) {
        try {
            return MetaData.with(METADATA_KEY, JSON.writeValueAsString(events));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode written events", e);
        }
    }

    /** The events named in a result's metadata; none when the command stored nothing. */
    public static List<WrittenEvent> from(MetaData metaData) {
        Object encoded = metaData.get(METADATA_KEY);
        if (!(encoded instanceof String json) || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable written events in a command result", e);
        }
    }
}
