package io.chariot.projections.redis;

/**
 * Redis key layout of the count read models. Counts live in one hash per tenant and kind
 * ({@code chariot:counts:{tenant}:asset}, fields {@code status:A}, {@code class:ipv4}, {@code source:seed},
 * {@code attribute:https}); the hash tag keeps a tenant's keys in one cluster slot.
 */
public final class CountKeys {

    public static final String PREFIX = "chariot:";

    private CountKeys() {
    }

    public static String counts(String tenant, String kind) {
        return PREFIX + "counts:{" + tenant + "}:" + kind;
    }

    static String state(String tenant, String kind) {
        return PREFIX + "state:{" + tenant + "}:" + kind;
    }
}
