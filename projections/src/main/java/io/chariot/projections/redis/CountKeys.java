package io.chariot.projections.redis;

/**
 * Redis key layout of the count read models. Counts live in one hash per tenant and kind
 * ({@code chariot:counts:{tenant}:asset}, or under a generation's prefix, fields {@code status:A}, {@code class:ipv4}, {@code source:seed},
 * {@code attribute:https}); the hash tag keeps a tenant's keys in one cluster slot.
 */
public final class CountKeys {

    public static final String PREFIX = "chariot:";

    private CountKeys() {
    }

    /** The prefix of a generation: {@code chariot:} for 0, {@code chariot:g2:} for a blue-green build. */
    public static String prefix(int generation) {
        return generation == 0 ? PREFIX : PREFIX + "g" + generation + ":";
    }

    public static String counts(String prefix, String tenant, String kind) {
        return prefix + "counts:{" + tenant + "}:" + kind;
    }

    static String state(String prefix, String tenant, String kind) {
        return prefix + "state:{" + tenant + "}:" + kind;
    }

    /** The tenant inside a counts or state key ({@code …:{tenant}:kind}). */
    static String tenantOf(String key) {
        int open = key.indexOf('{');
        int close = key.lastIndexOf('}');
        return open < 0 || close < open ? "" : key.substring(open + 1, close);
    }
}
