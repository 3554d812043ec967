package io.chariot.query.explorer.store;

/**
 * Where a page starts, as a keyset on the event store's global position: {@code before} pages back in time (newest
 * first), {@code after} forward (oldest first, what a follower polls with). Neither: the newest events. A position
 * never changes and is never reused, so pages neither repeat nor skip events however many are stored meanwhile.
 */
public record Cursor(Long before, Long after, int limit) {

    public Cursor {
        if (before != null && after != null) {
            throw new IllegalArgumentException("before and after cannot be combined");
        }
    }

    /** Oldest first from the very beginning of the stream (positions start at 0 or above). */
    public static Cursor fromStart(int limit) {
        return new Cursor(null, -1L, limit);
    }

    public static Cursor newest(int limit) {
        return new Cursor(null, null, limit);
    }

    public boolean forward() {
        return after != null;
    }
}
