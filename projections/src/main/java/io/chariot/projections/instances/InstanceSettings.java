package io.chariot.projections.instances;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the instances of a deployment follow each other's read-model switches and pauses.
 *
 * @param pollInterval how often an instance reads the read alias and the pause requests
 * @param pauseLease   how long a pause request lasts without being renewed (its asker crashed): then it is ignored
 * @param releaseWait  how long a rebuild waits for the other instances to release a group's segments
 */
@ConfigurationProperties("chariot.projections.instances")
public record InstanceSettings(@DefaultValue("1s") Duration pollInterval, @DefaultValue("60s") Duration pauseLease,
                               @DefaultValue("60s") Duration releaseWait) {

    public InstanceSettings {
        for (var d : new Duration[]{pollInterval, pauseLease, releaseWait}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("chariot.projections.instances durations must be positive, not " + d);
            }
        }
        if (pauseLease.compareTo(pollInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("chariot.projections.instances.pause-lease (" + pauseLease
                    + ") must be at least three poll intervals (" + pollInterval + ")");
        }
    }
}
