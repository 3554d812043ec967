package io.chariot.asset;

/**
 * A command the asset context refuses; nothing was applied. It is an {@link IllegalArgumentException}, so callers
 * that only know "bad input" answer 400; {@link #reason()} lets them be more precise (404, 409).
 */
public class AssetRejected extends IllegalArgumentException {

    public enum Reason {
        /** A value outside the language: unknown status, source or attack surface; an id that does not match. */
        INVALID,
        /** The asset has no attribute or port with that key. */
        NOT_FOUND,
        /** The asset is deleted: its attributes and ports cannot change until it is re-added. */
        DELETED
    }

    private final Reason reason;

    public AssetRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
