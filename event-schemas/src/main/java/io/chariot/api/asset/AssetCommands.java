package io.chariot.api.asset;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands of the asset context. The aggregate identifier is {@link #aggregateId(String, String) tenant + key}:
 * Chariot identifies every record by (username, key), and keys always start with '#', which tenant names never hold.
 */
public final class AssetCommands {

    private AssetCommands() {
    }

    /**
     * What {@link UpsertAsset}, {@link UpdateAsset} and {@link DeleteAsset} return: the asset as it is once the
     * command has been handled (unchanged when the command changed nothing), so the HTTP layer can answer at once.
     *
     * @param created       when the asset was discovered
     * @param visited       when it was last discovered or re-discovered
     * @param updated       when its record last changed
     * @param ttl           Unix epoch seconds when it expires; 0 for permanent (seed/account) assets
     */
    public record AssetState(String key, String dns, String name, String assetClass, boolean privateAddress,
                             String status, String source, String origin, List<String> attackSurface,
                             Instant created, Instant visited, Instant updated, long ttl) {

        /** The kind, from the key. */
        public AssetKind kind() {
            return AssetKind.ofKey(key).orElse(AssetKind.ASSET);
        }
    }

    public static String aggregateId(String tenant, String assetKey) {
        if (tenant == null || tenant.isBlank() || tenant.contains("#")) {
            throw new InvalidKeyException("tenant is required and must not contain '#': " + tenant);
        }
        return tenant + assetKey;
    }

    /**
     * Adds an asset-like record of some {@link AssetKind}, or re-discovers it. Key, class and privacy are derived
     * from {@code dns}/{@code name} (the group and identifier) by the kind's rules.
     *
     * @param status        requested status; null means the source's default (P for seeds, A otherwise)
     * @param source        self, seed, account or provided; null means self
     * @param attackSurface free-form surface labels (internal, external, cloud, …); null keeps what the asset has
     * @param kind          null means {@link AssetKind#ASSET}
     */
    public record UpsertAsset(@TargetAggregateIdentifier String assetId, String tenant, String dns, String name,
                              String status, String source, List<String> attackSurface, String comment,
                              String by, AssetKind kind) {

        public UpsertAsset(String assetId, String tenant, String dns, String name, String status, String source,
                           List<String> attackSurface, String comment, String by) {
            this(assetId, tenant, dns, name, status, source, attackSurface, comment, by, AssetKind.ASSET);
        }

        /** Builds the command with the identity computed from {@code dns}/{@code name}, as the server does. */
        public static UpsertAsset of(String tenant, String dns, String name, String status, String source,
                                     List<String> attackSurface, String comment, String by) {
            return of(AssetKind.ASSET, tenant, dns, name, status, source, attackSurface, comment, by);
        }

        public static UpsertAsset of(AssetKind kind, String tenant, String group, String identifier, String status,
                                     String source, List<String> attackSurface, String comment, String by) {
            String key = AssetKeys.identity(kind, group, identifier).key();
            return new UpsertAsset(aggregateId(tenant, key), tenant, group, identifier, status, source,
                                   attackSurface, comment, by, kind);
        }

        public AssetKind kindOrDefault() {
            return kind == null ? AssetKind.ASSET : kind;
        }
    }

    /** Updates an existing asset's status and/or attack surface (a user's Merge); the key may be of any kind. */
    public record UpdateAsset(@TargetAggregateIdentifier String assetId, String tenant, String key, String status,
                              List<String> attackSurface, String comment, String by) {

        public static UpdateAsset of(String tenant, String key, String status, List<String> attackSurface,
                                     String comment, String by) {
            String normalised = AssetKeys.normalisedKey(key);
            return new UpdateAsset(aggregateId(tenant, normalised), tenant, normalised, status, attackSurface,
                                   comment, by);
        }
    }

    /** Soft delete: the asset moves to status D and keeps its history. */
    public record DeleteAsset(@TargetAggregateIdentifier String assetId, String tenant, String key, String comment,
                              String by) {

        public static DeleteAsset of(String tenant, String key, String comment, String by) {
            String normalised = AssetKeys.normalisedKey(key);
            return new DeleteAsset(aggregateId(tenant, normalised), tenant, normalised, comment, by);
        }
    }

    /**
     * What {@link AddAttribute} returns: the attribute as it is once the command has been handled (the existing one
     * when it was already there).
     *
     * @param source the key of the asset it belongs to
     * @param ttl    Unix epoch seconds
     */
    public record AttributeState(String key, String source, String name, String value, String capability,
                                 Instant created, long ttl) {
    }

    /** Adds an attribute under an asset of any kind: {@code #attribute#{name}#{value}{assetKey}}. */
    public record AddAttribute(@TargetAggregateIdentifier String assetId, String tenant, String assetKey,
                               String name, String value, String capability, String by) {

        public static AddAttribute of(String tenant, String assetKey, String name, String value, String capability,
                                      String by) {
            String normalised = AssetKeys.normalisedKey(assetKey);
            return new AddAttribute(aggregateId(tenant, normalised), tenant, normalised, name, value, capability,
                                    by);
        }
    }

    public record RemoveAttribute(@TargetAggregateIdentifier String assetId, String tenant, String attributeKey,
                                  String by) {

        /** The asset is the one whose key ends the attribute key. */
        public static RemoveAttribute of(String tenant, String attributeKey, String by) {
            return new RemoveAttribute(aggregateId(tenant, AssetKeys.parentOf(attributeKey)), tenant, attributeKey,
                                       by);
        }
    }

    /** What {@link AddPort} returns: the port's key and when it was added (null if not known). */
    public record PortState(String key, Instant created) {
    }

    /** Adds a port under an asset: {@code #port#{protocol}#{port}{assetKey}}. */
    public record AddPort(@TargetAggregateIdentifier String assetId, String tenant, String assetKey, String protocol,
                          int port, String service, String capability, String by) {

        public static AddPort of(String tenant, String assetKey, String protocol, int port, String service,
                                 String capability, String by) {
            String normalised = AssetKeys.parseAssetKey(assetKey).key();
            return new AddPort(aggregateId(tenant, normalised), tenant, normalised, protocol, port, service,
                               capability, by);
        }
    }

    public record RemovePort(@TargetAggregateIdentifier String assetId, String tenant, String portKey, String by) {

        /** The asset is the one whose key ends the port key. */
        public static RemovePort of(String tenant, String portKey, String by) {
            return new RemovePort(aggregateId(tenant, AssetKeys.parentOf(portKey)), tenant, portKey, by);
        }
    }

    // --- seeds: assets whose source is seed (chariot-api.md §2.3) -------------------------------------------------

    /**
     * Makes an existing asset a seed (source seed, permanent) and/or sets its status — {@code PUT /seed} with a key.
     * Unlike {@link UpsertAsset} it never creates an asset.
     *
     * @param status the new status; null only promotes
     */
    public record SeedAsset(@TargetAggregateIdentifier String assetId, String tenant, String key, String status,
                            String comment, String by) {

        public static SeedAsset of(String tenant, String key, String status, String comment, String by) {
            String normalised = AssetKeys.normalisedKey(key);
            return new SeedAsset(aggregateId(tenant, normalised), tenant, normalised, status, comment, by);
        }
    }

    // --- preseeds ---------------------------------------------------------------------------------------------

    /** A preseed as it is once a command has been handled. {@code ttl}: Unix epoch seconds. */
    public record PreseedState(String key, String type, String title, String value, String status, String comment,
                               Instant created, Instant updated, long ttl) {
    }

    /**
     * Adds a preseed, or sets the status of one that exists ({@code POST /preseed}).
     *
     * @param status requested status; null means A
     */
    public record AddPreseed(@TargetAggregateIdentifier String preseedId, String tenant, String type, String title,
                             String value, String status, String comment, String by) {

        public static AddPreseed of(String tenant, String type, String title, String value, String status,
                                    String comment, String by) {
            String key = PreseedKeys.key(type, title, value);
            return new AddPreseed(aggregateId(tenant, key), tenant, type.trim(), title.trim(), value.trim(), status,
                                  comment, by);
        }
    }

    /** Sets an existing preseed's status ({@code PUT /preseed}); the comment goes to its history. */
    public record UpdatePreseed(@TargetAggregateIdentifier String preseedId, String tenant, String key,
                                String status, String comment, String by) {

        public static UpdatePreseed of(String tenant, String key, String status, String comment, String by) {
            String checked = PreseedKeys.parse(key);
            return new UpdatePreseed(aggregateId(tenant, checked), tenant, checked, status, comment, by);
        }
    }

    /** Removes a preseed for good ({@code DELETE /preseed}). */
    public record RemovePreseed(@TargetAggregateIdentifier String preseedId, String tenant, String key, String by) {

        public static RemovePreseed of(String tenant, String key, String by) {
            String checked = PreseedKeys.parse(key);
            return new RemovePreseed(aggregateId(tenant, checked), tenant, checked, by);
        }
    }

    /**
     * Removes an asset for good, with its attributes and ports (a tenant purge). Idempotent: purging a purged asset
     * changes nothing.
     */
    public record PurgeAsset(@TargetAggregateIdentifier String assetId, String tenant, String key, String by) {

        public static PurgeAsset of(String tenant, String key, String by) {
            return new PurgeAsset(aggregateId(tenant, key), tenant, key, by);
        }
    }
}
