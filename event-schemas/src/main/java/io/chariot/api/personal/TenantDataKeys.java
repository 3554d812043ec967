package io.chariot.api.personal;

/**
 * The per-tenant keys that personal data in events is encrypted under (crypto-shredding). Destroying a tenant's key
 * is the last step of a tenant purge: from then on every personal field in that tenant's past events reads as
 * erased — in replays, in the explorer and in exports — while the events themselves stay immutable.
 */
public interface TenantDataKeys {

    /** Destroys {@code tenant}'s key. Idempotent: destroying a destroyed or never-created key succeeds. */
    void destroy(String tenant);

    /** Whether {@code tenant}'s key has been destroyed (its personal data is unreadable). */
    boolean destroyed(String tenant);
}
