package io.chariot.sagas.job;

import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AddPort;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.asset.AssetCommands.DeleteAsset;
import io.chariot.api.asset.AssetCommands.PortState;
import io.chariot.api.asset.AssetCommands.RemoveAttribute;
import io.chariot.api.asset.AssetCommands.RemovePort;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands.CancelJob;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobCommands.RejectResult;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobResults;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;
import io.chariot.api.risk.RiskCommands.AddRisk;
import io.chariot.api.risk.RiskCommands.DeleteRisk;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.consistency.failure.TransientFailures;
import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaRuntime;
import io.chariot.sagas.runtime.SagaState;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies a passed run's result items ({@link JobFinished#items()}) in the contexts that own them, all or nothing
 * (chariot-api.md §2.5): assets, then attributes and ports (asset context), then risks on their targets (risk
 * context), then child jobs (job context) with this job as parent and its chain's origin. It knows the published
 * language and the {@link SagaRuntime} port only.
 * <ul>
 *     <li>Every step that creates something records how to undo it: a new asset is deleted, a new attribute or port
 *     removed, a new risk deleted, a child job it queued cancelled ({@code JF}, not retried). What existed before the step (a re-discovered asset, a re-detected risk) is a
 *     fact seen again and is left as it is.</li>
 *     <li>A step a context rejects undoes the steps done, newest first, and fails the run ({@code JF}) with the
 *     reason ({@link RejectResult}); the job is queued again while it has retries, and its next result applies
 *     afresh (every command is an upsert).</li>
 *     <li>A transient failure (a store down) is thrown: the saga machinery retries the handler, which skips the
 *     steps already done ({@link Progress}).</li>
 *     <li>A compensation that fails is thrown too: the event is parked with the instance's progress, for an
 *     operator to retry (which resumes) or discard.</li>
 * </ul>
 */
public final class JobResultIngestion {

    public static final String TYPE = "job-result";
    /** Who undoes steps and fails runs. */
    static final String SYSTEM = "chariot";
    private static final int MAX_REASON = 300;

    /** A step done and how to undo it ({@code undo} null: nothing to undo). */
    public record Done(String step, String label, String undo, String key) {
    }

    /** What one instance did so far; kept in the saga's state, so a retried handler skips what is done. */
    public static final class Progress {
        /** The run this instance applies (its {@code finished} instant); null before it starts. */
        public Instant run;
        public String tenant;
        public String key;
        public List<Done> done = new ArrayList<>();
        public List<String> undone = new ArrayList<>();
        /** Why the instance compensates, once a step was rejected: a retry then resumes undoing, never applying. */
        public String compensating;

        boolean isDone(String step) {
            return done.stream().anyMatch(d -> d.step().equals(step));
        }
    }

    private final CommandGateway commands;
    private final TransientFailures transientFailures;
    private final Clock clock;

    public JobResultIngestion(CommandGateway commands, TransientFailures transientFailures, Clock clock) {
        this.commands = commands;
        this.transientFailures = transientFailures;
        this.clock = clock;
    }

    /** Whether a finished run has anything to apply (only then does an instance start). */
    public static boolean hasResult(JobFinished finished) {
        return "JP".equals(finished.status()) && finished.items() != null && !finished.items().isEmpty();
    }

    /**
     * Handles a finished run: a passed run with items is applied (again, on a retry: the steps done are skipped);
     * any other run concerns no instance and is dismissed.
     */
    public void on(JobFinished finished, Progress progress, SagaRuntime saga) {
        if (progress.run == null) {
            if (!hasResult(finished)) {
                saga.dismiss();
                return;
            }
            progress.run = finished.at();
            progress.tenant = finished.tenant();
            progress.key = finished.key();
        } else if (!progress.run.equals(finished.at())) {
            // an instance waiting for an operator (parked) owns the job: later runs wait behind it
            throw new IllegalStateException("the result of run " + progress.run + " of " + finished.key()
                    + " is not applied yet");
        }
        ingest(finished, progress, saga);
    }

    private void ingest(JobFinished finished, Progress progress, SagaRuntime saga) {
        String tenant = finished.tenant();
        saga.begin(TYPE, tenant, finished.key(), Map.of("aggregate", JobCommands.aggregateId(tenant, finished.key())));
        if (progress.compensating != null) {
            compensate(progress, saga);
            return;
        }
        for (Step step : plan(finished)) {
            if (progress.isDone(step.id())) {
                continue;
            }
            List<Done> done;
            try {
                done = step.apply().get();
            } catch (RuntimeException e) {
                if (transientFailures.isTransient(e)) {
                    throw e;
                }
                progress.compensating = cut("result not applied: " + step.label() + ": " + message(e));
                saga.state(SagaState.COMPENSATING, progress.compensating);
                compensate(progress, saga);
                return;
            }
            for (Done d : done) {
                progress.done.add(d);
                saga.stepDone(d.label());
            }
        }
        saga.end(SagaState.COMPLETED, null);
    }

    /**
     * An operator decided the instance must undo what it applied (say its parked event cannot be fixed): the steps
     * done are undone and the run fails with the operator's reason.
     */
    public void compensate(CompensationRequested request, Progress progress, SagaRuntime saga) {
        if (progress.compensating == null) {
            progress.compensating = cut("result not applied: compensation requested by " + request.by() + ": "
                    + request.reason());
            saga.state(SagaState.COMPENSATING, progress.compensating);
        }
        compensate(progress, saga);
    }

    private void compensate(Progress progress, SagaRuntime saga) {
        String reason = progress.compensating;
        String tenant = progress.tenant;
        String comment = "undone: result of " + progress.key + " not applied";
        for (int i = progress.done.size() - 1; i >= 0; i--) {
            Done d = progress.done.get(i);
            if (d.undo() == null || progress.undone.contains(d.step())) {
                continue;
            }
            switch (d.undo()) {
                case "asset" -> commands.sendAndWait(DeleteAsset.of(tenant, d.key(), comment, SYSTEM));
                case "attribute" -> commands.sendAndWait(RemoveAttribute.of(tenant, d.key(), SYSTEM));
                case "port" -> commands.sendAndWait(RemovePort.of(tenant, d.key(), SYSTEM));
                case "risk" -> commands.sendAndWait(DeleteRisk.of(tenant, d.key(), null, comment, SYSTEM));
                case "job" -> commands.sendAndWait(CancelJob.of(tenant, d.key(), comment, SYSTEM));
                default -> throw new IllegalStateException("unknown compensation " + d.undo());
            }
            progress.undone.add(d.step());
            saga.compensated(d.label());
        }
        commands.sendAndWait(RejectResult.of(tenant, progress.key, progress.run, reason, SYSTEM));
        saga.end(SagaState.COMPENSATED, reason);
    }

    private record Step(String id, String label, Supplier<List<Done>> apply) {
    }

    private List<Step> plan(JobFinished finished) {
        JobResults.Items items = finished.items();
        String tenant = finished.tenant();
        // facts a capability produced are attributed to it (an asset's origin: "the user or capability that added it")
        String capability = JobKeys.capabilityOf(finished.key());
        List<Step> steps = new ArrayList<>();
        int i = 0;
        for (JobResults.AssetItem a : items.assets()) {
            String id = "asset " + i++;
            steps.add(new Step(id, "asset " + a.dns() + " " + a.name(), () -> {
                Instant before = now();
                AssetState state = commands.sendAndWait(UpsertAsset.of(tenant, a.dns(), a.name(), a.status(), null,
                        null, null, capability));
                return List.of(asset(id, state, before));
            }));
        }
        i = 0;
        for (JobResults.AttributeItem a : items.attributes()) {
            String id = "attribute " + i++;
            steps.add(new Step(id, "attribute " + a.name() + " on " + a.parent(), () -> {
                List<Done> done = new ArrayList<>();
                Instant before = now();
                AttributeState state = withAsset(tenant, a.parent(), capability, id, done,
                        AddAttribute.of(tenant, a.parent(), a.name(), a.value(), capability, capability));
                done.add(new Done(id, "attribute " + state.key(), created(state.created(), before) ? "attribute"
                        : null, state.key()));
                return done;
            }));
        }
        i = 0;
        for (JobResults.PortItem p : items.ports()) {
            String id = "port " + i++;
            steps.add(new Step(id, "port " + p.protocol() + "/" + p.port() + " on " + p.parent(), () -> {
                List<Done> done = new ArrayList<>();
                Instant before = now();
                PortState state = withAsset(tenant, p.parent(), capability, id, done,
                        AddPort.of(tenant, p.parent(), p.protocol(), p.port(), p.service(), capability, capability));
                done.add(new Done(id, "port " + state.key(), created(state.created(), before) ? "port" : null,
                        state.key()));
                return done;
            }));
        }
        i = 0;
        for (JobResults.RiskItem r : items.risks()) {
            String id = "risk " + i++;
            steps.add(new Step(id, "risk " + r.name() + " on " + r.target(), () -> {
                Instant before = now();
                RiskState state = commands.sendAndWait(AddRisk.of(tenant, r.target(), r.dns(), r.name(), r.status(),
                        r.title(), r.comment(), capability, List.of(), capability));
                return List.of(new Done(id, "risk " + state.key(), created(state.created(), before) ? "risk" : null,
                        state.key()));
            }));
        }
        i = 0;
        String origin = finished.origin() == null ? finished.key() : finished.origin();
        for (JobResults.ChildJob j : items.jobs()) {
            String id = "job " + i++;
            steps.add(new Step(id, "job " + j.capability() + " on " + j.target(), () -> {
                Instant before = now();
                JobState state = commands.sendAndWait(QueueJob.child(tenant, j.target(), j.capability(), j.config(),
                        List.of(), j.retries(), j.timeoutSeconds(), finished.key(), origin, capability));
                // Undone by cancelling only if this step queued it: a job already queued or running is left as it was.
                boolean queued = state != null && JobCommands.QUEUED.equals(state.status()) && state.updated() != null
                        && !state.updated().isBefore(before);
                return List.of(new Done(id, "job " + j.capability() + " on " + j.target(), queued ? "job" : null,
                        state == null ? null : state.key()));
            }));
        }
        return steps;
    }

    /** Sends a command under an asset; an asset not known yet is discovered first (the scanner saw it). */
    private <R> R withAsset(String tenant, String assetKey, String capability, String step, List<Done> done,
                            Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException e) {
            if (!Rejections.is(e, Rejection.Code.NOT_FOUND)) {
                throw e;
            }
            AssetKeys.Identity asset = AssetKeys.parseAssetKey(assetKey);
            Instant before = now();
            AssetState state = commands.sendAndWait(UpsertAsset.of(tenant, asset.dns(), asset.name(), null, null,
                    null, null, capability));
            done.add(asset(step + " asset", state, before));
            return commands.sendAndWait(command);
        }
    }

    private static Done asset(String step, AssetState state, Instant before) {
        return new Done(step, "asset " + state.key(), created(state.created(), before) ? "asset" : null, state.key());
    }

    /** Created by this step: not before the step began (stores keep milliseconds). */
    private static boolean created(Instant created, Instant before) {
        return created != null && !created.isBefore(before);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String message(Throwable e) {
        Throwable root = rootOf(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String cut(String s) {
        return s.length() > MAX_REASON ? s.substring(0, MAX_REASON) : s;
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while ((t instanceof CommandExecutionException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
