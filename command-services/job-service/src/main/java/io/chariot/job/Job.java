package io.chariot.job;

import io.chariot.api.input.CommandTargets;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands.CancelJob;
import io.chariot.api.job.JobCommands.PurgeJob;
import io.chariot.api.job.JobCommands.ClaimJob;
import io.chariot.api.job.JobCommands.FinishJob;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobCommands.RejectResult;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobEvents.JobPurged;
import io.chariot.api.job.JobEvents.JobQueued;
import io.chariot.api.job.JobEvents.JobStarted;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobResults;
import io.chariot.api.job.RunLimits;
import io.chariot.api.rejection.Rejected;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.api.job.JobCommands.FAILED;
import static io.chariot.api.job.JobCommands.PASSED;
import static io.chariot.api.job.JobCommands.QUEUED;
import static io.chariot.api.job.JobCommands.RUNNING;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One job of one tenant: one capability against one target, identified by tenant + {@code #job#{dns}#{identifier}#{capability}}
 * (chariot-api.md §2.2, §2.5). Lifecycle: {@link JobQueued} (JQ) → {@link JobStarted} (JR, claimed by a worker)
 * → {@link JobFinished} (JP, or JF with a reason).
 * <ul>
 *     <li>Queueing a running job, or a queued one with the same config, credentials, retries and timeout, changes
 *     nothing and returns its state; a queued job queued again with other settings takes them (its run has not
 *     begun; {@code created} stays), and a finished job can be queued again (a new run).</li>
 *     <li>Only a queued job can be claimed and only a running one finished; anything else is {@link Rejected} as a
 *     conflict (409), so two workers never get the same run.</li>
 *     <li>Every queued job keeps the {@link RunLimits} rules (retries not negative, a positive timeout).</li>
 *     <li>A run not finished {@code timeoutSeconds} after it started fails with reason {@code deadline exceeded}
 *     (a deadline scheduled on start, cancelled on finish).</li>
 *     <li>A run that fails (by its worker or its deadline) with retries left is queued again at once with one
 *     retry less ({@link JobFinished} JF, then {@link JobQueued}).</li>
 *     <li>A queued or running job can be cancelled (a saga's compensation): it fails with {@code cancelled: …} and
 *     is not queued again; cancelling any other job changes nothing.</li>
 * </ul>
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Job {

    static final String DEADLINE = "job-deadline";
    static final String DEADLINE_EXCEEDED = "deadline exceeded";
    static final String CANCELLED = "cancelled";
    /** Who fails a job whose deadline passed. */
    static final String SYSTEM = "chariot";
    /** At most this many items per result: a bound on one event's size (the HTTP body is capped at 1 MiB too). */
    static final int MAX_ITEMS = 1000;

    @AggregateIdentifier
    private String jobId;
    private String tenant;
    private String key;
    private String dns;
    private String identifier;
    private String capability;
    private String target;
    private String status;
    private Instant created;
    private Instant updated;
    private Instant started;
    private Instant finished;
    private Map<String, String> config = new LinkedHashMap<>();
    private List<String> credentialIds = new ArrayList<>();
    private int retries;
    private long timeoutSeconds;
    private String worker;
    private String reason;
    private String parent;
    private String origin;
    private Instant deadline;
    /** Removed for good by a tenant purge; queueing it again starts a new job. */
    private boolean purged;

    protected Job() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public JobState handle(QueueJob command) {
        requireTarget(command.jobId(), command.tenant(), command.key());
        String expectedKey = JobKeys.jobKey(new JobKeys.Target(command.target(), command.dns(), command.identifier()),
                                            command.capability());
        if (!expectedKey.equals(command.key())) {
            throw Rejected.invalid("job key " + command.key() + " does not match its target and capability");
        }
        RunLimits limits = new RunLimits(command.retries(), command.timeoutSeconds());
        if (RUNNING.equals(status) || (QUEUED.equals(status) && sameSettings(command, limits))) {
            return state();
        }
        Instant at = now();
        apply(new JobQueued(command.tenant(), command.key(), command.dns(), command.identifier(),
                            command.capability(), command.target(),
                            command.config() == null ? Map.of() : command.config(),
                            command.credentialIds() == null ? List.of() : command.credentialIds(), limits.retries(),
                            limits.timeoutSeconds(), command.parent(), command.origin(),
                            created == null ? at : created, command.by(), at));
        return state();
    }

    private boolean sameSettings(QueueJob command, RunLimits limits) {
        return config.equals(command.config() == null ? Map.of() : command.config())
               && credentialIds.equals(command.credentialIds() == null ? List.of() : command.credentialIds())
               && retries == limits.retries() && timeoutSeconds == limits.timeoutSeconds();
    }

    @CommandHandler
    public JobState handle(ClaimJob command, DeadlineManager deadlines) {
        requireTarget(command.jobId(), command.tenant(), command.key());
        if (command.worker() == null || command.worker().isBlank()) {
            throw Rejected.invalid("a worker id is required to claim a job");
        }
        if (!QUEUED.equals(status)) {
            throw Rejected.conflict("job " + key + " is not queued (status " + status + ")");
        }
        Instant at = now();
        Instant deadline = at.plusSeconds(timeoutSeconds);
        apply(new JobStarted(tenant, key, command.worker(), deadline, command.by(), at));
        deadlines.schedule(deadline, DEADLINE, new JobDeadline(key, at));
        return state();
    }

    @CommandHandler
    public JobState handle(FinishJob command, DeadlineManager deadlines) {
        requireTarget(command.jobId(), command.tenant(), command.key());
        if (!PASSED.equals(command.status()) && !FAILED.equals(command.status())) {
            throw Rejected.invalid("a job finishes with status JP or JF, got '" + command.status() + "'");
        }
        JobResults.Items items = command.items() == null ? JobResults.EMPTY : command.items();
        if (items.size() > MAX_ITEMS) {
            throw Rejected.invalid("a result holds at most " + MAX_ITEMS + " items, got " + items.size());
        }
        if (!RUNNING.equals(status)) {
            throw Rejected.conflict("job " + key + " is not running (status " + status + ")");
        }
        for (JobResults.ChildJob child : items.jobs()) {
            // the cheapest loop guard: a run never queues itself or its chain's first job again
            String childKey = JobKeys.jobKey(JobKeys.parseTarget(child.target()), child.capability());
            if (childKey.equals(key) || childKey.equals(origin)) {
                throw Rejected.invalid("a result cannot spawn job " + childKey + ": it is this job or its chain's "
                        + "origin");
            }
        }
        deadlines.cancelAllWithinScope(DEADLINE);
        finish(command.status(), blank(command.reason()) ? null : command.reason(), items, command.by(), now());
        return state();
    }

    /** The passed run's result could not be applied (the job-result saga undid what it had applied). */
    @CommandHandler
    public JobState handle(RejectResult command) {
        requireTarget(command.jobId(), command.tenant(), command.key());
        if (PASSED.equals(status) && finished != null && finished.equals(command.finished())) {
            finish(FAILED, blank(command.reason()) ? "result not applied" : command.reason(), JobResults.EMPTY,
                    command.by(), now());
        }
        return state();
    }

    /** A compensation: the job does not run (any more), and is not retried. */
    @CommandHandler
    public JobState handle(CancelJob command, DeadlineManager deadlines) {
        requireTarget(command.jobId(), command.tenant(), command.key());
        if (QUEUED.equals(status) || RUNNING.equals(status)) {
            if (RUNNING.equals(status)) {
                deadlines.cancelAllWithinScope(DEADLINE);
            }
            String why = CANCELLED + (blank(command.reason()) ? "" : ": " + command.reason());
            apply(new JobFinished(tenant, key, FAILED, why, JobResults.EMPTY, origin == null ? key : origin,
                    command.by(), now()));
        }
        return state();
    }

    /**
     * A tenant purge removes the job for good: a queued or running one ends first as a cancelled run (its running
     * permit and deadline go, it is not retried), then the job is purged. Answers whether it did (purging it again changes nothing).
     */
    @CommandHandler
    public boolean handle(PurgeJob command, DeadlineManager deadlines) {
        requireTarget(command.jobId(), command.tenant(), command.key());
        if (purged) {
            return false;
        }
        if (QUEUED.equals(status) || RUNNING.equals(status)) {
            if (RUNNING.equals(status)) {
                deadlines.cancelAllWithinScope(DEADLINE);
            }
            apply(new JobFinished(tenant, key, FAILED, CANCELLED + ": tenant purged", JobResults.EMPTY,
                    origin == null ? key : origin, command.by(), now()));
        }
        apply(new JobPurged(tenant, key, command.by(), now()));
        return true;
    }

    /** The run's deadline passed: a job still in that run fails; a stale deadline (another run) does nothing. */
    @DeadlineHandler(deadlineName = DEADLINE)
    void deadlineExceeded(JobDeadline deadline) {
        if (RUNNING.equals(status) && deadline.started().equals(started)) {
            // stamped at the deadline itself: deterministic, and never before the run's start
            finish(FAILED, DEADLINE_EXCEEDED, JobResults.EMPTY, SYSTEM, started.plusSeconds(timeoutSeconds));
        }
    }

    private void finish(String code, String why, JobResults.Items items, String by, Instant at) {
        apply(new JobFinished(tenant, key, code, why, items, origin == null ? key : origin, by, at));
        if (FAILED.equals(code) && retries > 0) {
            apply(new JobQueued(tenant, key, dns, identifier, capability, target, config, credentialIds, retries - 1,
                                timeoutSeconds, parent, origin, created, by, at));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // State

    @EventSourcingHandler
    void on(JobQueued e) {
        purged = false;
        jobId = JobCommands.aggregateId(e.tenant(), e.key());
        tenant = e.tenant();
        key = e.key();
        dns = e.dns();
        identifier = e.identifier();
        capability = e.capability();
        target = e.target();
        status = QUEUED;
        created = e.created();
        updated = e.at();
        started = null;
        finished = null;
        config = new LinkedHashMap<>(e.config() == null ? Map.of() : e.config());
        credentialIds = new ArrayList<>(e.credentialIds() == null ? List.of() : e.credentialIds());
        retries = e.retries();
        timeoutSeconds = e.timeoutSeconds();
        worker = null;
        reason = null;
        parent = e.parent();
        origin = e.origin();
        deadline = null;
    }

    @EventSourcingHandler
    void on(JobStarted e) {
        status = RUNNING;
        started = e.at();
        updated = e.at();
        worker = e.worker();
        deadline = e.deadline();
    }

    @EventSourcingHandler
    void on(JobFinished e) {
        status = e.status();
        finished = e.at();
        updated = e.at();
        reason = e.reason();
        deadline = null;
    }

    /** Only the identity stays: a later {@code QueueJob} queues a new job (its {@code created} is new). */
    @EventSourcingHandler
    void on(JobPurged e) {
        purged = true;
        status = null;
        created = null;
        updated = e.at();
        config = new LinkedHashMap<>();
        credentialIds = new ArrayList<>();
        worker = null;
        reason = null;
        deadline = null;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Rules

    private void requireTarget(String commandJobId, String commandTenant, String commandKey) {
        CommandTargets.require("job", commandJobId,
                               JobCommands.aggregateId(commandTenant, JobKeys.requireJobKey(commandKey)), commandTenant,
                               commandKey, jobId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private JobState state() {
        return new JobState(key, dns, identifier, capability, target, status, created, updated, started, finished,
                            Map.copyOf(config), List.copyOf(credentialIds), retries, worker, reason, parent, origin,
                            deadline);
    }
}
