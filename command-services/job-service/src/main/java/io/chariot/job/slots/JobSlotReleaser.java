package io.chariot.job.slots;

import io.chariot.api.job.JobEvents.JobFinished;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Gives a job's permit back when its run ends, whoever ended it: the worker's result (JP/JF) or the deadline (JF).
 * A subscribing processor (application.yml), so the permit is free as soon as the event is applied, on the
 * instance that applied it.
 */
@ProcessingGroup(JobSlotReleaser.NAME)
public class JobSlotReleaser {

    public static final String NAME = "job-slots";

    private final TenantSlots slots;

    public JobSlotReleaser(TenantSlots slots) {
        this.slots = slots;
    }

    @EventHandler
    void on(JobFinished finished) {
        slots.release(finished.tenant(), finished.key());
    }
}
