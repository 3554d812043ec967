package io.chariot.api.asset;

import java.util.List;

/** Queries the asset read models answer (the Chariot /my surface). */
public final class AssetQueries {

    private AssetQueries() {
    }

    /** GET /my: a key prefix (or exact key) within one tenant, continued with an opaque offset. */
    public record SearchByKey(String tenant, String keyPrefix, boolean exact, String offset, int limit) {
    }

    /** GET /my?key=field:value — a prefix search on status, source, dns or name. */
    public record SearchByField(String tenant, String field, String valuePrefix, String label, String offset,
                                int limit) {
    }

    /** GET /my/count: counts by status, class and source for one tenant. */
    public record CountAssets(String tenant, String keyPrefix) {
    }

    public record AssetCounts(java.util.Map<String, Long> status, java.util.Map<String, Long> assetClass,
                              java.util.Map<String, Long> source) {
    }

    public record Page<T>(List<T> items, String offset) {
    }
}
