package io.chariot.projections.rebuild;

import java.time.Instant;

/**
 * What an operator asked for: {@code rebuild NAME [--blue-green] [--segments N] [--from POSITION | --since TIME]
 * [--restart] [--accept-differences]}.
 *
 * @param fromPosition replay only the events after this event-store position, into the model as it is (in place)
 * @param since        replay only the events stored after this time, into the model as it is (in place)
 * @param restart      discard an unfinished rebuild's checkpoint instead of resuming it
 * @param acceptDifferences blue-green: switch even when the new generation differs from the live one
 * @param maxRate      at most this many events per second (0: unlimited), to spare a busy store
 */
public record RebuildRequest(String name, boolean blueGreen, int segments, Long fromPosition, Instant since,
                             boolean restart, boolean acceptDifferences, int maxRate) {

    public static final int MAX_SEGMENTS = 32;

    public RebuildRequest {
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException("segments must be between 1 and " + MAX_SEGMENTS + ", got " + segments);
        }
        if (fromPosition != null && since != null) {
            throw new IllegalArgumentException("give either a from position or a since time, not both");
        }
        if (fromPosition != null && fromPosition < 0) {
            throw new IllegalArgumentException("from position must not be negative, got " + fromPosition);
        }
        if (maxRate < 0) {
            throw new IllegalArgumentException("max rate must not be negative, got " + maxRate);
        }
        if (blueGreen && (fromPosition != null || since != null)) {
            throw new IllegalArgumentException("a blue-green rebuild always replays every event: from/since apply "
                    + "to in-place rebuilds only");
        }
    }

    public static RebuildRequest inPlace(String name) {
        return new RebuildRequest(name, false, 1, null, null, false, false, 0);
    }

    public boolean partial() {
        return fromPosition != null || since != null;
    }
}
