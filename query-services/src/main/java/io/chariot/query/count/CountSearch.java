package io.chariot.query.count;

import io.chariot.api.asset.AssetQueries.CountAssets;
import io.chariot.projections.redis.CountKeys;
import io.chariot.query.availability.ReadTimeouts;
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
    private final ReadTimeouts timeouts;

    /** @param liveGeneration the live generation of a read model, by name (the read alias) */
    public CountSearch(RedissonClient redis, ToIntFunction<String> liveGeneration, ReadTimeouts timeouts) {
        this.redis = redis;
        this.liveGeneration = liveGeneration;
        this.timeouts = timeouts;
    }

    public Map<String, Map<String, Long>> count(CountAssets q) {
        ReadTimeouts.Deadline deadline = timeouts.deadline();
        String risks = q.keyPrefix() == null ? "" : q.keyPrefix();
        if (risks.startsWith("#risk")) {
            // Risks: {status:{TH:…}, severity:{H:…}} (kind "risk" of the risks-redis read model).
            Map<String, Map<String, Long>> result = new LinkedHashMap<>();
            result.put("status", new TreeMap<>());
            result.put("severity", new TreeMap<>());
            read(CountKeys.prefix(liveGeneration.applyAsInt(RISK_COUNTS)), q.tenant(), "risk", result, deadline);
            return result;
        }
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        result.put("status", new TreeMap<>());
        result.put("class", new TreeMap<>());
        result.put("source", new TreeMap<>());
        result.put("attributes", new TreeMap<>());
        String prefix = q.keyPrefix() == null ? "" : q.keyPrefix();
        if (prefix.isEmpty() || "#asset".startsWith(prefix) || prefix.startsWith("#asset")) {
            read(CountKeys.prefix(liveGeneration.applyAsInt(ASSET_COUNTS)), q.tenant(), "asset", result, deadline);
        }
        if (prefix.isEmpty() || "#attribute".startsWith(prefix) || prefix.startsWith("#attribute")) {
            read(CountKeys.prefix(liveGeneration.applyAsInt(ASSET_COUNTS)), q.tenant(), "attribute", result,
                    deadline);
        }
        return result;
    }

    /** Bounded by the request's deadline: Redisson's own time-out and retries would hold a stalled read far longer. */
    private void read(String prefix, String tenant, String kind, Map<String, Map<String, Long>> result,
                      ReadTimeouts.Deadline deadline) {
        Map<String, String> counts = deadline.await("redis", redis.<String, String>getMap(
                CountKeys.counts(prefix, tenant, kind), StringCodec.INSTANCE).readAllMapAsync());
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
