package io.chariot.asset.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chariot.api.asset.AssetCommands.PreseedState;

import java.time.Instant;
import java.util.List;

/**
 * A preseed as {@code /preseed} answers it ({@code visited} is its last update); absent values are left out (the
 * application's non-null inclusion).
 */
@JsonPropertyOrder({"username", "key", "type", "title", "value", "status", "comment", "created", "visited", "ttl"})
public record PreseedView(String username, String key, String type, String title, String value, String status,
                          String comment, String created, String visited, long ttl) {

    /** The answer's envelope: {@code {"preseeds":[…]}}. */
    public record Preseeds(List<?> preseeds) {
    }

    /** What a removal answers: the removed preseed's key. */
    @JsonPropertyOrder({"username", "key"})
    public record Removed(String username, String key) {
    }

    static Preseeds of(String tenant, PreseedState s) {
        return new Preseeds(List.of(new PreseedView(tenant, s.key(), s.type(), s.title(), s.value(), s.status(),
                s.comment(), time(s.created()), time(s.updated()), s.ttl())));
    }

    static Preseeds removed(String tenant, String key) {
        return new Preseeds(List.of(new Removed(tenant, key)));
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
