package io.chariot.api.job;

import io.chariot.api.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Events of the job context (chariot-api.md §2.5): one job is one execution of one capability against one target,
 * keyed {@code #job#{dns}#{identifier}#{capability}}. Never remove or retype a field: add a revision and an upcaster.
 */
public final class JobEvents {

    private JobEvents() {
    }

    /**
     * A job was queued (status {@code JQ}), for the first time or again after it finished (or failed with retries
     * left). {@code created} is when the job was first queued; {@code retries} the retries left after this attempt;
     * {@code timeoutSeconds} how long a run may take before it fails with "deadline exceeded".
     * Revision 2 adds the chain: {@code parent} is the key of the job whose result spawned this one and
     * {@code origin} the key of the chain's first job (both null for a job queued by a user).
     */
    @Revision("2")
    public record JobQueued(String tenant, String key, String dns, String identifier, String capability,
                            String target, Map<String, String> config, List<String> credentialIds, int retries,
                            long timeoutSeconds, String parent, String origin, Instant created, @PersonalData String by,
                            Instant at) {
    }

    /** A worker claimed the queued job (status {@code JR}); {@code deadline} is when it fails unless finished. */
    @Revision("1")
    public record JobStarted(String tenant, String key, String worker, Instant deadline, @PersonalData String by,
                             Instant at) {
    }

    /**
     * The job finished: {@code status} is {@code JP} (passed) or {@code JF} (failed, with a reason). Revision 2
     * adds the run's validated result {@code items} (empty when the worker reported none, or the deadline failed
     * the run) and the chain's {@code origin} (the key of its first job; this job's own key for a root job), so
     * the items can become facts in their own contexts and child jobs know their chain.
     */
    @Revision("2")
    public record JobFinished(String tenant, String key, String status, String reason, JobResults.Items items,
                              String origin, @PersonalData String by, Instant at) {
    }

    /** The job was removed for good by a tenant purge; a queued or running one is never run or finished. */
    @Revision("1")
    public record JobPurged(String tenant, String key, @PersonalData String by, Instant at) {
    }
}
