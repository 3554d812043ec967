package io.chariot.projections.instances;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the instances of a deployment follow each other's read-model switches and pauses.
 *
 * @param pollInterval how often an instance reads the read alias and the pause requests
 * @param pauseLease   how long a pause request, or an instance, lasts without being renewed (crashed, or stalled that
 *                     long): then it is ignored — a rebuild does not wait for it, the others do not stay paused
 * @param releaseWait  how long a rebuild waits for the other instances to pause a group and release its segments;
 *                     longer than the lease, so a rebuild just after an instance died waits it out
 * @param claimTimeout Axon's token claim timeout ({@code axon.eventhandling.tokenstore.claim-timeout}, 10 s): a claim
 *                     not extended for that long is free, whoever is named as its owner
 */
@ConfigurationProperties("chariot.projections.instances")
public record InstanceSettings(@DefaultValue("1s") Duration pollInterval, @DefaultValue("15s") Duration pauseLease,
                               @DefaultValue("60s") Duration releaseWait, @DefaultValue("10s") Duration claimTimeout) {

    public InstanceSettings {
        for (var d : new Duration[]{pollInterval, pauseLease, releaseWait, claimTimeout}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("chariot.projections.instances durations must be positive, not " + d);
            }
        }
        if (releaseWait.compareTo(pauseLease) <= 0) {
            throw new IllegalArgumentException("chariot.projections.instances.release-wait (" + releaseWait
                    + ") must be longer than the pause-lease (" + pauseLease + ")");
        }
        if (pauseLease.compareTo(pollInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("chariot.projections.instances.pause-lease (" + pauseLease
                    + ") must be at least three poll intervals (" + pollInterval + ")");
        }
    }
}
