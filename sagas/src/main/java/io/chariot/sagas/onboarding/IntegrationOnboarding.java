package io.chariot.sagas.onboarding;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.ActivateIntegration;
import io.chariot.api.account.AccountCommands.FailIntegration;
import io.chariot.api.account.AccountCommands.VerifyIntegration;
import io.chariot.api.account.AccountEvents.IntegrationLinked;
import io.chariot.api.account.AccountEvents.IntegrationVerified;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.DeleteAsset;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.AssetSource;
import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands.CancelJob;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobKeys;
import io.chariot.api.rejection.Rejections;
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
 * Onboarding a linked integration (chariot-api.md §3.4), for integrations with a provider
 * ({@code chariot.sagas.onboarding.providers}):
 * <ol>
 *     <li>{@code IntegrationLinked}: the provider checks the credentials; the integration is {@code verified}
 *     ({@link VerifyIntegration}). The whole onboarding has a durable deadline from here on.</li>
 *     <li>{@code IntegrationVerified}: the provider's seeds are imported as assets ({@code source=seed}), each
 *     followed by its discovery jobs ({@code chariot.sagas.onboarding.capabilities}); then the integration is
 *     {@code active} ({@link ActivateIntegration}) and the instance completes.</li>
 * </ol>
 * A step that fails — the provider refuses or cannot be reached, a context rejects a command, the deadline passes,
 * an operator asks — is compensated in reverse: the jobs this onboarding queued are cancelled, the seeds it created
 * removed (soft delete), and the integration marked {@code failed} with the reason ({@link FailIntegration}). What
 * existed before (a seed already there, a job already queued or running) is left as it is. Every compensation is
 * idempotent and recorded, so a retry after a failed compensation resumes undoing, never applying. A transient
 * failure (a store down) is thrown, for the saga machinery to retry; steps already done are skipped.
 */
public final class IntegrationOnboarding {

    public static final String TYPE = "integration-onboarding";
    static final String DEADLINE = "onboarding-deadline";
    /** Who records onboarding's facts on the account and undoes its steps. */
    static final String SYSTEM = "chariot";
    private static final int MAX_REASON = 300;

    /** A step done: what it touched ({@code seed}, {@code job}) and whether this onboarding created it. */
    public record Done(String kind, String key, boolean created) {
    }

    /** What one instance did so far; kept in the saga's state, so a retried handler skips what is done. */
    public static final class Progress {
        public String tenant;
        public String key;
        public String linkId;
        public String member;
        public String value;
        /** When the integration was linked: the link this onboarding is about. */
        public Instant linked;
        /** The redacted config and the sealed secrets, to ask the provider (ciphertext only, as in the event). */
        public String config;
        public String sealed;
        public boolean verified;
        /** The provider's seeds, asked once (null before). */
        public List<Provider.Seed> seeds;
        public List<Done> done = new ArrayList<>();
        public List<String> undone = new ArrayList<>();
        /** Why the instance compensates, once a step failed: a retry then resumes undoing, never applying. */
        public String compensating;

        boolean isDone(String kind, String key) {
            return done.stream().anyMatch(d -> d.kind().equals(kind) && d.key().equals(key));
        }
    }

    private final CommandGateway commands;
    private final Provider provider;
    private final SealedSecrets secrets;
    private final OnboardingProperties properties;
    private final TransientFailures transientFailures;
    private final Clock clock;

    public IntegrationOnboarding(CommandGateway commands, Provider provider, SealedSecrets secrets,
                                 OnboardingProperties properties, TransientFailures transientFailures, Clock clock) {
        this.commands = commands;
        this.provider = provider;
        this.secrets = secrets;
        this.properties = properties;
        this.transientFailures = transientFailures;
        this.clock = clock;
    }

    /** Whether a linked integration is onboarded: it has a provider (a webhook never has). */
    public boolean onboards(IntegrationLinked linked) {
        return !AccountCommands.HOOK.equals(linked.member()) && properties.provider(linked.member()) != null;
    }

    /**
     * An integration was linked: an integration with a provider starts onboarding by checking its credentials; an
     * {@code imported} one (the migration replayer's, onboarded where it came from) does not.
     */
    public void on(IntegrationLinked linked, boolean imported, Progress progress, SagaRuntime saga) {
        if (progress.key == null) {
            if (imported || !onboards(linked)) {
                saga.dismiss();
                return;
            }
            progress.tenant = linked.tenant();
            progress.key = linked.key();
            progress.linkId = AccountCommands.aggregateId(linked.tenant(), linked.key());
            progress.member = linked.member();
            progress.value = linked.value();
            progress.linked = linked.at();
            progress.config = linked.config();
            progress.sealed = linked.sealed();
            saga.begin(TYPE, linked.tenant(), linked.key(), Map.of("aggregate", progress.linkId));
            saga.schedule(DEADLINE, properties.deadline(), linked.key());
        } else if (!progress.linked.equals(linked.at())) {
            // a running (parked) onboarding owns the integration: a later link waits behind it
            throw new IllegalStateException("the onboarding of " + linked.key() + " linked at " + progress.linked
                    + " has not ended");
        }
        if (progress.compensating != null) {
            compensate(progress, saga);
            return;
        }
        if (progress.verified) {
            return;
        }
        try {
            attempt("credentials not verified", () -> {
                provider.verify(integration(progress));
                return commands.sendAndWait(new VerifyIntegration(progress.linkId, progress.tenant, progress.linked,
                        SYSTEM));
            });
        } catch (StepFailed failed) {
            startCompensating(failed.getMessage(), progress, saga);
            return;
        }
        progress.verified = true;
        saga.stepDone("credentials verified by the provider");
    }

    /** The credentials are verified: seeds are imported, their discovery queued, and the integration is active. */
    public void on(IntegrationVerified verified, Progress progress, SagaRuntime saga) {
        if (progress.key == null || !progress.verified) {
            return;
        }
        if (progress.compensating != null) {
            compensate(progress, saga);
            return;
        }
        try {
            if (progress.seeds == null) {
                progress.seeds = List.copyOf(attempt("seeds not imported",
                        () -> provider.seeds(integration(progress))));
            }
            for (Provider.Seed seed : progress.seeds) {
                String asset = importSeed(seed, progress, saga);
                for (String capability : properties.capabilities()) {
                    queue(asset, capability, progress, saga);
                }
            }
            attempt("integration not activated", () -> commands.sendAndWait(
                    new ActivateIntegration(progress.linkId, progress.tenant, progress.linked, SYSTEM)));
        } catch (StepFailed failed) {
            startCompensating(failed.getMessage(), progress, saga);
            return;
        }
        saga.stepDone("integration activated");
        saga.cancel(DEADLINE);
        saga.end(SagaState.COMPLETED, null);
    }

    /** The onboarding did not finish in time: it is undone. */
    public void deadlinePassed(Progress progress, SagaRuntime saga) {
        saga.fired(DEADLINE);
        if (progress.key == null) {
            return;
        }
        if (progress.compensating == null) {
            progress.compensating = cut("onboarding did not finish within " + properties.deadline());
            saga.state(SagaState.COMPENSATING, progress.compensating);
        }
        compensate(progress, saga);
    }

    /** An operator decided the onboarding must be undone. */
    public void compensate(CompensationRequested request, Progress progress, SagaRuntime saga) {
        if (progress.compensating == null) {
            progress.compensating = cut("compensation requested by " + request.by() + ": " + request.reason());
            saga.state(SagaState.COMPENSATING, progress.compensating);
        }
        compensate(progress, saga);
    }

    /** Imports one seed (once: a retry skips it) and answers its asset key. */
    private String importSeed(Provider.Seed seed, Progress progress, SagaRuntime saga) {
        String name = seed.name() == null ? seed.dns() : seed.name();
        String what = "seed " + seed.dns() + (seed.name() == null ? "" : " " + seed.name()) + " not imported";
        String key = attempt(what, () -> AssetKeys.identity(seed.dns(), name).key());
        if (progress.isDone("seed", key)) {
            return key;
        }
        Instant before = now();
        AssetState state = attempt(what, () -> commands.sendAndWait(UpsertAsset.of(progress.tenant, seed.dns(), name,
                seed.status(), AssetSource.SEED.code(), null, "imported by the " + progress.member + " integration",
                progress.member)));
        boolean created = state.created() != null && !state.created().isBefore(before);
        progress.done.add(new Done("seed", state.key(), created));
        saga.stepDone("seed " + state.key() + " imported" + (created ? "" : " (it existed)"));
        return state.key();
    }

    /** Queues one discovery job of a seed (once). */
    private void queue(String asset, String capability, Progress progress, SagaRuntime saga) {
        String what = "job " + capability + " on " + asset + " not queued";
        String key = attempt(what, () -> JobKeys.jobKey(JobKeys.parseTarget(asset), capability));
        if (progress.isDone("job", key)) {
            return;
        }
        Instant before = now();
        JobState state = attempt(what, () -> commands.sendAndWait(QueueJob.of(progress.tenant, asset, capability,
                Map.of(), List.of(), 0, properties.timeoutSeconds(), progress.member)));
        // queued by this step: a job already queued or running was left as it was (its updated instant is older)
        boolean queued = JobCommands.QUEUED.equals(state.status()) && state.updated() != null
                && !state.updated().isBefore(before);
        progress.done.add(new Done("job", state.key(), queued));
        saga.stepDone("job " + state.key() + " queued" + (queued ? "" : " (it was queued or running)"));
    }

    private void startCompensating(String reason, Progress progress, SagaRuntime saga) {
        progress.compensating = reason;
        saga.state(SagaState.COMPENSATING, reason);
        compensate(progress, saga);
    }

    /**
     * Undoes in reverse: cancels the jobs this onboarding queued, removes the seeds it created, marks the integration
     * failed with the reason, and ends. A compensation a context refuses is thrown: the instance parks with what it
     * undid so far, and a retry resumes.
     */
    private void compensate(Progress progress, SagaRuntime saga) {
        // once undoing, the deadline is moot (and must not re-run a compensation that parked)
        saga.cancel(DEADLINE);
        String reason = progress.compensating;
        String comment = "undone: onboarding of " + progress.key + " failed";
        for (String kind : List.of("job", "seed")) {
            for (int i = progress.done.size() - 1; i >= 0; i--) {
                Done d = progress.done.get(i);
                String undo = d.kind() + " " + d.key();
                if (!d.kind().equals(kind) || !d.created() || progress.undone.contains(undo)) {
                    continue;
                }
                if ("job".equals(kind)) {
                    commands.sendAndWait(CancelJob.of(progress.tenant, d.key(), comment, SYSTEM));
                    saga.compensated("job " + d.key() + " cancelled");
                } else {
                    commands.sendAndWait(DeleteAsset.of(progress.tenant, d.key(), comment, SYSTEM));
                    saga.compensated("seed " + d.key() + " removed");
                }
                progress.undone.add(undo);
            }
        }
        commands.sendAndWait(new FailIntegration(progress.linkId, progress.tenant, progress.linked, reason, SYSTEM));
        saga.compensated("integration marked failed");
        saga.end(SagaState.COMPENSATED, reason);
    }

    private Provider.Integration integration(Progress progress) {
        String credentials = progress.sealed == null ? null : secrets.open(progress.sealed, progress.linkId);
        return new Provider.Integration(progress.member, progress.value, progress.config, credentials);
    }

    /** Runs a step: a transient failure is thrown as it is (retried); any other failure fails the step. */
    private <T> T attempt(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            if (transientFailures.isTransient(e)) {
                throw e;
            }
            throw new StepFailed(cut(what + ": " + message(e)));
        }
    }

    /** A step failed for good: the onboarding compensates with this reason. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A rejection's message (the one model, ADR 0016), else the failure's own. */
    private static String message(Throwable e) {
        return Rejections.of(e).map(r -> r.message()).orElseGet(() -> {
            Throwable t = e;
            while (t instanceof CommandExecutionException && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        });
    }

    private static String cut(String s) {
        return s.length() > MAX_REASON ? s.substring(0, MAX_REASON) : s;
    }
}
