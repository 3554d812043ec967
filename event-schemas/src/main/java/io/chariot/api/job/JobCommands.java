package io.chariot.api.job;

import io.chariot.api.asset.InvalidKeyException;
import io.chariot.api.input.StoredApart;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Commands of the job context. The aggregate identifier is tenant + job key, like assets and risks. */
public final class JobCommands {

    private JobCommands() {
    }

    /** Status codes (chariot-api.md §2.5); the stored status is {@code {code}#{updated}}. */
    public static final String QUEUED = "JQ";
    public static final String RUNNING = "JR";
    public static final String PASSED = "JP";
    public static final String FAILED = "JF";

    /**
     * What every job command returns: the job once the command was handled. {@code status} is the bare code;
     * {@code deadline} is when the running run fails unless finished (null unless running).
     */
    public record JobState(String key, String dns, String identifier, String capability, String target,
                           String status, Instant created, Instant updated, Instant started, Instant finished,
                           Map<String, String> config, List<String> credentialIds, int retries, String worker,
                           String reason, String parent, String origin, Instant deadline) {
    }

    public static String aggregateId(String tenant, String jobKey) {
        if (tenant == null || tenant.isBlank() || tenant.contains("#")) {
            throw new InvalidKeyException("tenant is required and must not contain '#': " + tenant);
        }
        return tenant + jobKey;
    }

    /**
     * Queues a job; a job already queued or running is left as it is (the command returns its state).
     * {@code parent}/{@code origin} name the job whose result spawned it and its chain's first job (null for a
     * job a user queued).
     */
    public record QueueJob(@TargetAggregateIdentifier String jobId, String tenant, String key, String dns,
                           String identifier, String capability, String target, Map<String, String> config,
                           List<String> credentialIds, int retries, long timeoutSeconds, String parent,
                           String origin, String by) {

        public static QueueJob of(String tenant, String target, String capability, Map<String, String> config,
                                  List<String> credentialIds, int retries, long timeoutSeconds, String by) {
            return child(tenant, target, capability, config, credentialIds, retries, timeoutSeconds, null, null, by);
        }

        /** A job spawned by the result of job {@code parent}, in the chain that began with {@code origin}. */
        public static QueueJob child(String tenant, String target, String capability, Map<String, String> config,
                                     List<String> credentialIds, int retries, long timeoutSeconds, String parent,
                                     String origin, String by) {
            JobKeys.Target t = JobKeys.parseTarget(target);
            String key = JobKeys.jobKey(t, capability);
            return new QueueJob(aggregateId(tenant, key), tenant, key, t.dns(), t.identifier(), capability,
                                t.key(), config == null ? Map.of() : Map.copyOf(config),
                                credentialIds == null ? List.of() : List.copyOf(credentialIds), retries,
                                timeoutSeconds, parent == null ? null : JobKeys.requireJobKey(parent),
                                origin == null ? null : JobKeys.requireJobKey(origin), by);
        }
    }

    /** A worker claims a queued job; a job that is not queued is a conflict. */
    public record ClaimJob(@TargetAggregateIdentifier String jobId, String tenant, String key, String worker,
                           String by) {

        public static ClaimJob of(String tenant, String key, String worker, String by) {
            String normalised = JobKeys.requireJobKey(key);
            return new ClaimJob(aggregateId(tenant, normalised), tenant, normalised, worker, by);
        }
    }

    /**
     * A worker reports the end of a running job: {@code JP} or {@code JF} with a reason, and the run's validated
     * result {@code items} (see {@link JobResults}).
     */
    public record FinishJob(@TargetAggregateIdentifier String jobId, String tenant, String key, String status,
                            String reason, @StoredApart JobResults.Items items, String by) {

        public static FinishJob of(String tenant, String key, String status, String reason, String by) {
            return of(tenant, key, status, reason, JobResults.EMPTY, by);
        }

        public static FinishJob of(String tenant, String key, String status, String reason, JobResults.Items items,
                                   String by) {
            String normalised = JobKeys.requireJobKey(key);
            return new FinishJob(aggregateId(tenant, normalised), tenant, normalised, status, reason,
                                 items == null ? JobResults.EMPTY : items, by);
        }
    }

    /**
     * The result of the run that passed at {@code finished} could not be applied in full, and what was applied has
     * been undone: that run fails with {@code reason} (and is queued again while retries remain). A job no longer in
     * that run (queued or running again, or already failed) is left as it is, so sending it twice changes nothing.
     */
    public record RejectResult(@TargetAggregateIdentifier String jobId, String tenant, String key, Instant finished,
                               String reason, String by) {

        public static RejectResult of(String tenant, String key, Instant finished, String reason, String by) {
            String normalised = JobKeys.requireJobKey(key);
            return new RejectResult(aggregateId(tenant, normalised), tenant, normalised, finished, reason, by);
        }
    }

    /**
     * Cancels a queued or running job: the run fails ({@code JF}) with {@code cancelled: {reason}} and is not
     * queued again, whatever its retries. A compensation, so idempotent: a job that is not queued or running is
     * left as it is.
     */
    public record CancelJob(@TargetAggregateIdentifier String jobId, String tenant, String key, String reason,
                            String by) {

        public static CancelJob of(String tenant, String key, String reason, String by) {
            String normalised = JobKeys.requireJobKey(key);
            return new CancelJob(aggregateId(tenant, normalised), tenant, normalised, reason, by);
        }
    }

    /**
     * Removes a job for good (a tenant purge): a queued job is never claimed, a running one's result is refused and
     * its deadline cancelled. Idempotent: purging a purged job changes nothing.
     */
    public record PurgeJob(@TargetAggregateIdentifier String jobId, String tenant, String key, String by) {

        public static PurgeJob of(String tenant, String key, String by) {
            return new PurgeJob(aggregateId(tenant, key), tenant, key, by);
        }
    }
}
