package io.chariot.asset;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import org.axonframework.modelling.command.EntityId;

import java.time.Instant;
import java.util.Objects;

/**
 * An attribute of an asset ({@code #attribute#{name}#{value}{assetKey}}), an entity of the {@link Asset} aggregate
 * keyed by its attribute key. The asset creates and removes it in its event sourcing handlers.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class AssetAttribute {

    @EntityId
    private String key;
    private String name;
    private String value;
    private String capability;
    private long ttl;
    /** When it was added; null in snapshots taken before it was recorded. */
    private Instant created;

    protected AssetAttribute() {
        // for snapshots
    }

    AssetAttribute(AttributeAdded event) {
        this.key = event.key();
        this.name = event.name();
        this.value = event.value();
        this.capability = event.capability();
        this.ttl = event.ttl();
        this.created = event.at();
    }

    AttributeState state(String assetKey) {
        return new AttributeState(key, assetKey, name, value, capability, created, ttl);
    }

    String key() {
        return key;
    }

    String name() {
        return name;
    }

    String value() {
        return value;
    }

    /** Entities are compared by value: the aggregate's state is the same whether built by commands or replay. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AssetAttribute other
                && Objects.equals(key, other.key)
                && Objects.equals(name, other.name)
                && Objects.equals(value, other.value)
                && Objects.equals(capability, other.capability)
                && ttl == other.ttl
                && Objects.equals(created, other.created);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, name, value, capability, ttl, created);
    }
}
