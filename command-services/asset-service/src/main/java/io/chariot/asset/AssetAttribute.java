package io.chariot.asset;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import org.axonframework.modelling.command.EntityId;

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

    protected AssetAttribute() {
        // for snapshots
    }

    AssetAttribute(AttributeAdded event) {
        this.key = event.key();
        this.name = event.name();
        this.value = event.value();
        this.capability = event.capability();
        this.ttl = event.ttl();
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
                && ttl == other.ttl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, name, value, capability, ttl);
    }
}
