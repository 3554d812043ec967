package io.chariot.job.claiming;

import io.chariot.api.job.JobCommands.ClaimJob;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobQueries.FindQueuedJobs;
import io.chariot.api.job.JobQueries.QueuedJobs;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;
import io.chariot.job.slots.TenantSlots;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/**
 * A worker claims a job for its tenant: one job named by key, or the oldest queued one of the capabilities it runs.
 * The tenant's cap comes first: a permit of {@link TenantSlots} is taken before any job is claimed and given back
 * unless one was ({@link TenantAtCap} when none is free). The candidates come from the read model, which lags; the
 * aggregate is the guard: a job claimed meanwhile is rejected as a conflict (the aggregate's state, or, when the
 * claims raced on two instances, the event store's sequence check), and the next candidate is tried.
 */
@Service
public class ClaimingJob {

    static final int CANDIDATES = 10;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TenantSlots slots;

    public ClaimingJob(CommandGateway commands, QueryGateway queries, TenantSlots slots) {
        this.commands = commands;
        this.queries = queries;
        this.slots = slots;
    }

    /**
     * What a worker asks for: {@code key} (null: the oldest queued job) of the {@code capabilities} it runs (empty:
     * any), as {@code worker}, on behalf of {@code user}.
     */
    public record Claim(String tenant, String user, String worker, String key, List<String> capabilities) {
        public Claim {
            key = key == null ? null : JobKeys.requireJobKey(key);
            capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        }
    }

    /** The claimed job, or empty when none is queued. */
    public Optional<JobState> claim(Claim claim) {
        TenantSlots.Slot slot = slots.tryTake(claim.tenant())
                .orElseThrow(() -> new TenantAtCap(claim.tenant(), slots.capOf(claim.tenant())));
        boolean held = false;
        try {
            JobState claimed = claim.key() != null ? claimOne(claim, claim.key()) : claimOldest(claim);
            if (claimed == null) {
                return Optional.empty();
            }
            slots.hold(slot, claimed.key(), claimed.deadline());
            held = true;
            return Optional.of(claimed);
        } finally {
            if (!held) {
                slots.giveBack(slot);
            }
        }
    }

    private JobState claimOldest(Claim claim) {
        QueuedJobs queued = queries.query(new FindQueuedJobs(claim.tenant(), claim.capabilities(), CANDIDATES),
                QueuedJobs.class).join();
        RuntimeException lost = null;
        for (String key : queued.keys()) {
            try {
                return claimOne(claim, key);
            } catch (RuntimeException e) {
                if (!Rejections.is(e, Rejection.Code.CONFLICT)) {
                    throw e;
                }
                lost = e; // claimed meanwhile: try the next one
            }
        }
        if (lost != null) {
            throw lost;
        }
        return null;
    }

    private JobState claimOne(Claim claim, String key) {
        return commands.sendAndWait(ClaimJob.of(claim.tenant(), key, claim.worker(), claim.user()));
    }

    /** The tenant already runs as many jobs as its cap allows: claim again when one finishes. */
    public static final class TenantAtCap extends RuntimeException {

        private final String tenant;
        private final int cap;

        TenantAtCap(String tenant, int cap) {
            super(tenant + " already runs " + cap + (cap == 1 ? " job" : " jobs")
                    + " (its cap): claim again when one finishes");
            this.tenant = tenant;
            this.cap = cap;
        }

        public String tenant() {
            return tenant;
        }

        public int cap() {
            return cap;
        }
    }
}
