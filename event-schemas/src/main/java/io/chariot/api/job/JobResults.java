package io.chariot.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;

/**
 * A run's validated result items (chariot-api.md §2.5 {@code Result{context, items}}), as the job's
 * {@link JobEvents.JobFinished} carries them. Every key here is already normalised; a cross-context handler turns
 * each item into a command of the context that owns it (assets, attributes and ports: asset context; risks: risk
 * context; child jobs: job context). Lists are never null in events of revision 2; an empty result is
 * {@link #EMPTY}.
 */
public final class JobResults {

    private JobResults() {
    }

    public static final Items EMPTY = new Items(List.of(), List.of(), List.of(), List.of(), List.of());

    /** The items of one result, grouped by the context that owns them, in the order they are applied. */
    public record Items(List<AssetItem> assets, List<AttributeItem> attributes, List<PortItem> ports,
                        List<RiskItem> risks, List<ChildJob> jobs) {

        public Items {
            assets = assets == null ? List.of() : List.copyOf(assets);
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
            ports = ports == null ? List.of() : List.copyOf(ports);
            risks = risks == null ? List.of() : List.copyOf(risks);
            jobs = jobs == null ? List.of() : List.copyOf(jobs);
        }

        public int size() {
            return assets.size() + attributes.size() + ports.size() + risks.size() + jobs.size();
        }

        @JsonIgnore // derived, not a member of the stored event
        public boolean isEmpty() {
            return size() == 0;
        }
    }

    /**
     * An asset the run found. {@code status} null is a scanner's <em>visit</em> (discover or re-discover: refresh
     * visited/TTL, never resurrect a deleted asset, never change a seed); a status is a <em>merge</em> (the
     * capability asserts the asset's status, recorded as a status change with history).
     */
    public record AssetItem(String dns, String name, String status) {
    }

    /** An attribute under the asset {@code parent} (an asset key). */
    public record AttributeItem(String parent, String name, String value) {
    }

    /** A port under the asset {@code parent} (an asset key); {@code protocol} tcp or udp. */
    public record PortItem(String parent, String protocol, int port, String service) {
    }

    /**
     * A risk found on {@code target} (asset, attribute, port or webpage key): opened, or re-detected (a visit: a
     * remediated risk reopens). {@code dns} is the risk's group (null: the target's); {@code status} a triage
     * status or null for TI.
     */
    public record RiskItem(String target, String dns, String name, String status, String title, String comment) {
    }

    /** A job the result spawns against the asset {@code target}, with its capability's retries and timeout. */
    public record ChildJob(String target, String capability, Map<String, String> config, int retries,
                           long timeoutSeconds) {
    }
}
