package io.chariot.runtime.operations.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param dropGrace       how long an old generation stays after a blue-green switch, for reads still on it
 * @param checkpointEvery events a rebuild applies between two checkpoints it can resume from
 */
@ConfigurationProperties("chariot.projections")
record RebuildSettings(@DefaultValue("5s") Duration dropGrace, @DefaultValue("5000") int checkpointEvery) {

    RebuildSettings {
        if (dropGrace == null || dropGrace.isNegative()) {
            throw new IllegalArgumentException("chariot.projections.drop-grace must not be negative, not " + dropGrace);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("chariot.projections.checkpoint-every must be at least 1, not "
                    + checkpointEvery);
        }
    }
}
