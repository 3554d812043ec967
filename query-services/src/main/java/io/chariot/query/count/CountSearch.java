package io.chariot.query.count;

import io.chariot.api.asset.AssetKind;
import io.chariot.api.asset.AssetQueries.CountAssets;
import io.chariot.api.asset.AssetQueries.SearchByKey;
import io.chariot.projections.redis.CountKeys;
import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.query.my.KeySearch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * {@code GET /my/count}: the Redis counters, reshaped to {@code {status:{…}, class:{…}, source:{…},
 * attributes:{…}}} as chariot-ui reads them, or {@code {status:{…}, severity:{…}}} for a {@code #risk} prefix.
 * Zero buckets are left out. Redis keeps whole-tenant counts per kind; a prefix narrower than a kind
 * ({@code #asset#example.com}, as praetorian-cli's {@code search --count} sends) is counted over the table items
 * under it instead.
 */
public class CountSearch {

    private static final String ASSET_COUNTS = "assets-redis";
    private static final String RISK_COUNTS = "risks-redis";

    private static final String ATTRIBUTE_PREFIX = "#attribute#";
    private static final int PAGE = 1000;

    private final RedissonClient redis;
    private final ToIntFunction<String> liveGeneration;
    private final KeySearch items;
    private final ReadTimeouts timeouts;

    /**
     * @param liveGeneration the live generation of a read model, by name (the read alias)
     * @param items          the table search, for prefixes narrower than a kind
     */
    public CountSearch(RedissonClient redis, ToIntFunction<String> liveGeneration, KeySearch items,
                       ReadTimeouts timeouts) {
        this.redis = redis;
        this.liveGeneration = liveGeneration;
        this.items = items;
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
        if (narrowerThanAKind(prefix)) {
            countItems(q.tenant(), prefix, result);
            return result;
        }
        String countsPrefix = CountKeys.prefix(liveGeneration.applyAsInt(ASSET_COUNTS));
        for (AssetKind kind : AssetKind.values()) {
            String type = "#" + kind.code();
            if (prefix.isEmpty() || type.startsWith(prefix) || prefix.startsWith(type)) {
                read(countsPrefix, q.tenant(), kind.code(), result, deadline);
            }
        }
        if (prefix.isEmpty() || "#attribute".startsWith(prefix) || prefix.startsWith("#attribute")) {
            read(countsPrefix, q.tenant(), "attribute", result, deadline);
        }
        return result;
    }

    private static boolean narrowerThanAKind(String prefix) {
        var kind = AssetKind.ofKey(prefix);
        if (kind.isPresent()) {
            return prefix.length() > kind.get().prefix().length();
        }
        return prefix.startsWith(ATTRIBUTE_PREFIX) && prefix.length() > ATTRIBUTE_PREFIX.length();
    }

    /** Counts the table items under a key prefix: assets by status, class and source; attributes by name. */
    private void countItems(String tenant, String prefix, Map<String, Map<String, Long>> result) {
        String offset = null;
        do {
            var page = items.byKey(new SearchByKey(tenant, prefix, false, offset, PAGE));
            for (Map<String, Object> item : page.items()) {
                String key = String.valueOf(item.get("key"));
                if (key.startsWith(ATTRIBUTE_PREFIX)) {
                    add(result, "attributes", item.get("name"));
                } else {
                    add(result, "status", item.get("status"));
                    add(result, "class", item.get("class"));
                    add(result, "source", item.get("source"));
                }
            }
            offset = page.offset();
        } while (offset != null);
    }

    private static void add(Map<String, Map<String, Long>> result, String bucket, Object value) {
        if (value != null) {
            result.get(bucket).merge(value.toString(), 1L, Long::sum);
        }
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
