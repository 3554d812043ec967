package io.chariot.query.count;

import io.chariot.api.asset.AssetQueries.CountAssets;
import io.chariot.projections.redis.CountKeys;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * {@code GET /my/count}: the Redis counters, reshaped to {@code {status:{…}, class:{…}, source:{…},
 * attributes:{…}}} as chariot-ui reads them, or {@code {status:{…}, severity:{…}}} for a {@code #risk} prefix.
 * Zero buckets are left out.
 */
public class CountSearch {

    private static final String ASSET_COUNTS = "assets-redis";
    private static final String RISK_COUNTS = "risks-redis";

    private final RedissonClient redis;
    private final ToIntFunction<String> liveGeneration;

    /** @param liveGeneration the live generation of a read model, by name (the read alias) */
    public CountSearch(RedissonClient redis, ToIntFunction<String> liveGeneration) {
        this.redis = redis;
        this.liveGeneration = liveGeneration;
    }

    public Map<String, Map<String, Long>> count(CountAssets q) {
        String risks = q.keyPrefix() == null ? "" : q.keyPrefix();
        if (risks.startsWith("#risk")) {
            // Risks: {status:{TH:…}, severity:{H:…}} (kind "risk" of the risks-redis read model).
            Map<String, Map<String, Long>> result = new LinkedHashMap<>();
            result.put("status", new TreeMap<>());
            result.put("severity", new TreeMap<>());
            read(CountKeys.prefix(liveGeneration.applyAsInt(RISK_COUNTS)), q.tenant(), "risk", result);
            return result;
        }
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        result.put("status", new TreeMap<>());
        result.put("class", new TreeMap<>());
        result.put("source", new TreeMap<>());
        result.put("attributes", new TreeMap<>());
        String prefix = q.keyPrefix() == null ? "" : q.keyPrefix();
        if (prefix.isEmpty() || "#asset".startsWith(prefix) || prefix.startsWith("#asset")) {
            read(CountKeys.prefix(liveGeneration.applyAsInt(ASSET_COUNTS)), q.tenant(), "asset", result);
        }
        if (prefix.isEmpty() || "#attribute".startsWith(prefix) || prefix.startsWith("#attribute")) {
            read(CountKeys.prefix(liveGeneration.applyAsInt(ASSET_COUNTS)), q.tenant(), "attribute", result);
        }
        return result;
    }

    private void read(String prefix, String tenant, String kind, Map<String, Map<String, Long>> result) {
        Map<String, String> counts = redis.<String, String>getMap(CountKeys.counts(prefix, tenant, kind),
                        StringCodec.INSTANCE)
                .readAllMap();
        counts.forEach((field, value) -> {
            long n = Long.parseLong(value);
            int colon = field.indexOf(':');
            if (n <= 0 || colon < 0) {
                return;
            }
            String dimension = field.substring(0, colon);
            String bucket = dimension.equals("attribute") ? "attributes" : dimension;
            result.computeIfAbsent(bucket, k -> new TreeMap<>()).merge(field.substring(colon + 1), n, Long::sum);
        });
    }
}
