package io.chariot.api.asset;

import io.chariot.api.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Events of the asset context: past-tense facts, each carrying the tenant, who caused it ({@code by}) and when
 * ({@code at}). Never remove or retype a field: add a revision and an upcaster (see {@code SchemaCompatibilityTest}).
 */
public final class AssetEvents {

    private AssetEvents() {
    }

    /**
     * A new asset-like record. Its {@link AssetKind} is its key's type ({@code #webapplication#…}); {@code dns} and
     * {@code name} are its group and identifier (for a web application its name and primary URL, for an AD domain
     * the domain and object id). {@code ttl} is a Unix epoch in seconds, 0 for permanent (seed/account) assets.
     */
    @Revision("1")
    public record AssetDiscovered(String tenant, String key, String dns, String name, String assetClass,
                                  boolean privateAddress, String status, String source, String origin,
                                  List<String> attackSurface, long ttl, @PersonalData String comment,
                                  @PersonalData String by, Instant at) {
    }

    /** A known asset found again by a scanner or re-added: visited and TTL refresh. */
    @Revision("1")
    public record AssetVisited(String tenant, String key, long ttl, @PersonalData String by, Instant at) {
    }

    /** Every status change, including soft deletion, becomes a history record {from, to, by, comment, updated}. */
    @Revision("1")
    public record AssetStatusChanged(String tenant, String key, String from, String to, @PersonalData String comment,
                                     @PersonalData String by,
                                     Instant at) {
    }

    /**
     * A note in an asset's history — {by, comment, updated}, no status change. The legacy platform kept such notes;
     * the API records none today, so only the migration replayer appends it (losing no legacy history).
     */
    @Revision("1")
    public record AssetCommentAdded(String tenant, String key, @PersonalData String comment, @PersonalData String by,
                                    Instant at) {
    }

    /** An existing asset became a seed (or account asset): it turns permanent; history gets an empty {@code from}. */
    @Revision("1")
    public record AssetSourcePromoted(String tenant, String key, String fromSource, String toSource, String status,
                                      @PersonalData String by, Instant at) {
    }

    /**
     * The group of a record whose key does not hold it changed: a web application re-added under another name
     * (tabularium's Merge keeps the newest non-empty name).
     */
    @Revision("1")
    public record AssetGroupChanged(String tenant, String key, String group, @PersonalData String by, Instant at) {
    }

    @Revision("1")
    public record AssetAttackSurfaceChanged(String tenant, String key, List<String> attackSurface,
                                            @PersonalData String by,
                                            Instant at) {
    }

    /**
     * Asset {@code childKey} was discovered from this asset (a {@code DISCOVERED} edge from parent to child: the legacy
     * graph records one for every asset a scan of another found; the migration replayer imports them).
     */
    @Revision("1")
    public record AssetChildDiscovered(String tenant, String key, String childKey, String capability,
                                       @PersonalData String by,
                                       Instant at) {
    }

    /** The asset's tags, replaced as a set (the legacy platform's asset tags; the migration replayer imports them). */
    @Revision("1")
    public record AssetTagsSet(String tenant, String key, List<String> tags, @PersonalData String by, Instant at) {
    }

    @Revision("1")
    public record AttributeAdded(String tenant, String assetKey, String key, String name, String value,
                                 String capability, long ttl, @PersonalData String by, Instant at) {
    }

    /**
     * The metadata of attribute {@code key} of asset {@code assetKey}, replaced as a whole: a JSON object as text (the
     * legacy platform's attribute metadata, e.g. a detection's confidence; the migration replayer imports it).
     */
    @Revision("1")
    public record AttributeMetadataSet(String tenant, String assetKey, String key, String metadata,
                                       @PersonalData String by,
                                       Instant at) {
    }

    @Revision("1")
    public record AttributeRemoved(String tenant, String assetKey, String key, @PersonalData String by, Instant at) {
    }

    @Revision("1")
    public record PortAdded(String tenant, String assetKey, String key, String protocol, int port, String service,
                            String capability, long ttl, @PersonalData String by, Instant at) {
    }

    @Revision("1")
    public record PortRemoved(String tenant, String assetKey, String key, @PersonalData String by, Instant at) {
    }

    // --- preseeds (chariot-api.md §2.5): adjacent-discovery patterns such as {@code whois+company} --------------

    /** A new preseed {@code #preseed#{type}#{title}#{value}}; {@code ttl} is a Unix epoch in seconds. */
    @Revision("1")
    public record PreseedAdded(String tenant, String key, String type, String title, String value, String status,
                               long ttl, @PersonalData String comment, @PersonalData String by, Instant at) {
    }

    /** A preseed's status changed; it becomes a history record {from, to, by, comment, updated}. */
    @Revision("1")
    public record PreseedStatusChanged(String tenant, String key, String from, String to, @PersonalData String comment,
                                       @PersonalData String by, Instant at) {
    }

    /** A preseed was removed for good (DELETE /preseed), unlike status D which keeps it. */
    @Revision("1")
    public record PreseedRemoved(String tenant, String key, @PersonalData String by, Instant at) {
    }

    /**
     * The asset was removed for good by a tenant purge: it, its attributes and its ports are gone (unlike status D,
     * which keeps them). Adding the asset again starts a new one.
     */
    @Revision("1")
    public record AssetPurged(String tenant, String key, @PersonalData String by, Instant at) {
    }
}
