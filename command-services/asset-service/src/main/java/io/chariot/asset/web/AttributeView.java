package io.chariot.asset.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chariot.api.asset.AssetCommands.AttributeState;

import java.time.Instant;
import java.util.List;

/**
 * An attribute as {@code /attribute} answers it, under an asset of any kind or under a risk ({@code source} is
 * the parent's key). A risk's attribute has no capability and no ttl: those members are left out, as are absent
 * values (the application's non-null inclusion).
 */
@JsonPropertyOrder({"username", "key", "source", "name", "value", "status", "capability", "created", "ttl"})
public record AttributeView(String username, String key, String source, String name, String value, String status,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String capability, String created,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long ttl) {

    /** The answer's envelope: {@code {"attributes":[…]}}. */
    public record Attributes(List<?> attributes) {
    }

    /** What a removal answers: the key it was asked to remove. */
    @JsonPropertyOrder({"key", "username"})
    public record Removed(String key, String username) {
    }

    static Attributes ofAsset(String tenant, String key, AttributeState s) {
        return new Attributes(List.of(new AttributeView(tenant, key, s.source(), s.name(), s.value(), "A",
                s.capability(), time(s.created()), s.ttl())));
    }

    /** Created at the event's time, not this answer's. */
    static Attributes ofRisk(String tenant, String key, AttributeState s) {
        return new Attributes(List.of(new AttributeView(tenant, key, s.source(), s.name(), s.value(), "A", null,
                time(s.created()), null)));
    }

    static Attributes removed(String tenant, String key) {
        return new Attributes(List.of(new Removed(key, tenant)));
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
