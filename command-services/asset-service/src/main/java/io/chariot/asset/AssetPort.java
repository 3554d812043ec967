package io.chariot.asset;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.chariot.api.asset.AssetEvents.PortAdded;
import org.axonframework.modelling.command.EntityId;

import java.util.Objects;

/**
 * An open port of an asset ({@code #port#{protocol}#{port}{assetKey}}), an entity of the {@link Asset} aggregate
 * keyed by its port key. The asset creates and removes it in its event sourcing handlers.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class AssetPort {

    @EntityId
    private String key;
    private String protocol;
    private int port;
    private String service;
    private String capability;
    private long ttl;
    /** When the port was added (null in snapshots taken before it was kept). */
    private java.time.Instant created;

    protected AssetPort() {
        // for snapshots
    }

    AssetPort(PortAdded event) {
        this.key = event.key();
        this.protocol = event.protocol();
        this.port = event.port();
        this.service = event.service();
        this.capability = event.capability();
        this.ttl = event.ttl();
        this.created = event.at();
    }

    java.time.Instant created() {
        return created;
    }

    String key() {
        return key;
    }

    int port() {
        return port;
    }

    /** Entities are compared by value: the aggregate's state is the same whether built by commands or replay. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AssetPort other
                && Objects.equals(key, other.key)
                && Objects.equals(protocol, other.protocol)
                && port == other.port
                && Objects.equals(service, other.service)
                && Objects.equals(capability, other.capability)
                && ttl == other.ttl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, protocol, port, service, capability, ttl);
    }
}
