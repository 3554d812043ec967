package io.chariot.query.explorer.view;

/**
 * Between an aggregate's identifier in the event store and its Chariot key. Aggregates are identified by tenant +
 * key ({@code a@example.com#risk#example.com#cve-1}); an API key only by its key id, its Chariot key being
 * {@code #key#{id}}.
 */
public final class AggregateKeys {

    static final String API_KEY_PREFIX = "#key#";

    private AggregateKeys() {
    }

    public static String aggregateId(String tenant, String key) {
        return key.startsWith(API_KEY_PREFIX) ? key.substring(API_KEY_PREFIX.length()) : tenant + key;
    }

    public static String key(String tenant, String aggregateId) {
        if (tenant != null && aggregateId.startsWith(tenant + "#")) {
            return aggregateId.substring(tenant.length());
        }
        return aggregateId.startsWith("#") ? aggregateId : API_KEY_PREFIX + aggregateId;
    }
}
