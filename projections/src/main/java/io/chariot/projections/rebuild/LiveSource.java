package io.chariot.projections.rebuild;

import org.axonframework.eventhandling.TrackingToken;

import java.util.OptionalLong;

/**
 * The stream a projection follows when live (Kafka in the platform). A rebuild captures its head before replaying
 * the event store and hands the projection back to it from there: events in between arrive twice, and the
 * projections' sequence-number guards make the second delivery a no-op, so nothing is skipped or double-applied.
 */
public interface LiveSource {

    /** A token positioned at the live stream's current head. */
    TrackingToken headToken();

    /** How many events a processor holding {@code token} is behind the live head, if known. */
    OptionalLong lag(TrackingToken token);
}
