package io.chariot.sagas.purge;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.ApiKeyState;
import io.chariot.api.account.AccountCommands.RecordTenantPurge;
import io.chariot.api.account.AccountCommands.RemoveSetting;
import io.chariot.api.account.AccountCommands.RevokeApiKey;
import io.chariot.api.account.AccountCommands.UnlinkIntegration;
import io.chariot.api.account.AccountEvents.TenantPurgeStarted;
import io.chariot.api.asset.AssetCommands.PurgeAsset;
import io.chariot.api.asset.AssetCommands.RemovePreseed;
import io.chariot.api.asset.WebpageCommands.RemoveWebpage;
import io.chariot.api.file.FileCommands.DeleteFile;
import io.chariot.api.file.FileNames;
import io.chariot.api.job.JobCommands.PurgeJob;
import io.chariot.api.personal.TenantDataKeys;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;
import io.chariot.api.risk.RiskCommands.PurgeRisk;
import io.chariot.consistency.failure.TransientFailures;
import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaRuntime;
import io.chariot.sagas.runtime.SagaState;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Purging a tenant ({@code DELETE /account/purge}, ADR 0020). {@code TenantPurgeStarted} opens the instance; then
 * every step is a durable deadline ({@value #STEP}) that removes one batch ({@code chariot.sagas.purge.batch}
 * records, kind after kind) and schedules the next, so each step is its own transaction and a purge interrupted
 * anywhere (a crash, a restart) goes on from the last step it recorded:
 * <ol>
 *     <li>per kind — jobs, risks, assets, webpages, preseeds, files, integrations, settings, API keys — the
 *     tenant's aggregates of that kind ({@link TenantRecords}: the event store) get their removal command;</li>
 *     <li>the tenant's data key is destroyed ({@link TenantDataKeys}; skipped, with a log line and a step saying
 *     so, where the deployment has none);</li>
 *     <li>the erasure record ({@code TenantPurged}: counts per kind, whether the key was destroyed) is written; the
 *     read models remove the tenant's data when they see it; the instance completes.</li>
 * </ol>
 * Every removal is idempotent: a record already gone ("not found") counts as nothing and the purge goes on, so
 * repeating a step repeats no effect. A context that refuses a removal flags the instance with the reason and the
 * step is tried again after {@code chariot.sagas.purge.retry-after}; a transient failure is thrown (db-scheduler
 * retries the deadline). A purge is never undone: an operator's compensation request only flags it.
 */
public final class TenantPurging {

    public static final String TYPE = "tenant-purge";
    static final String STEP = "purge-step";
    /** Who records the purge's removals (the admin who asked is in {@code TenantPurgeStarted}). */
    static final String SYSTEM = "chariot";
    private static final int MAX_REASON = 300;
    private static final Logger log = LoggerFactory.getLogger(TenantPurging.class);

    /** What the purge removes, in this order: jobs first, so nothing running adds to the tenant meanwhile. */
    enum Kind {
        JOBS("jobs", "Job"),
        RISKS("risks", "Risk"),
        ASSETS("assets", "Asset"),
        WEBPAGES("webpages", "Webpage"),
        PRESEEDS("preseeds", "Preseed"),
        FILES("files", "StoredFile"),
        INTEGRATIONS("integrations", "Integration"),
        SETTINGS("settings", "Setting"),
        KEYS("keys", "ApiKey");

        final String label;
        final String aggregateType;

        Kind(String label, String aggregateType) {
            this.label = label;
            this.aggregateType = aggregateType;
        }
    }

    private static final List<Kind> KINDS = List.of(Kind.values());

    /** Where one purge stands; kept in the saga's state, so a step repeated after a crash goes on from here. */
    public static final class Progress {
        public String tenant;
        public String purgeId;
        /** The index of the kind being removed ({@code KINDS.size()} once every kind is done). */
        public int kind;
        /** The last aggregate of that kind handled (null: none yet). */
        public String after;
        public Map<String, Long> removed = new LinkedHashMap<>();
        public boolean keysDone;
        public boolean keysDestroyed;
        /** Why the last step was refused (null while steps succeed). */
        public String refused;
        public boolean ended;
    }

    private final CommandGateway commands;
    private final TenantRecords records;
    private final Supplier<TenantDataKeys> dataKeys;
    private final PurgeProperties properties;
    private final TransientFailures transientFailures;
    private final Clock clock;

    /** @param dataKeys the deployment's {@link TenantDataKeys}, or null when it has none */
    public TenantPurging(CommandGateway commands, TenantRecords records, Supplier<TenantDataKeys> dataKeys,
                         PurgeProperties properties, TransientFailures transientFailures, Clock clock) {
        this.commands = commands;
        this.records = records;
        this.dataKeys = dataKeys;
        this.properties = properties;
        this.transientFailures = transientFailures;
        this.clock = clock;
    }

    /** A purge was asked for: the instance opens and its first step is due at once. */
    public void on(TenantPurgeStarted started, Progress progress, SagaRuntime saga) {
        if (progress.tenant != null) {
            return;
        }
        progress.tenant = started.tenant();
        progress.purgeId = started.purgeId();
        saga.begin(TYPE, started.tenant(), started.purgeId(), Map.of(
                "aggregate", AccountCommands.purgeAggregateId(started.tenant()), "purgeId", started.purgeId()));
        saga.stepDone("purge started");
        saga.schedule(STEP, Duration.ZERO, started.purgeId());
    }

    /**
     * One step: a batch of records; once every kind is done, the data key and the erasure record, and the instance
     * completes. Otherwise the next step is scheduled.
     */
    public void step(Progress progress, SagaRuntime saga) {
        saga.fired(STEP);
        if (progress.tenant == null || progress.ended) {
            return;
        }
        try {
            removeBatch(progress, saga);
            if (progress.kind == KINDS.size()) {
                if (!progress.keysDone) {
                    destroyKey(progress, saga);
                }
                record(progress, saga);
                return;
            }
        } catch (RuntimeException e) {
            if (transientFailures.isTransient(e)) {
                throw e;
            }
            progress.refused = cut(message(e));
            saga.state(SagaState.FLAGGED, "refused, tried again in " + properties.retryAfter() + ": "
                    + progress.refused);
            saga.schedule(STEP, properties.retryAfter(), progress.purgeId);
            return;
        }
        if (progress.refused != null) {
            progress.refused = null;
            saga.state(SagaState.RUNNING, "going on after a refused step");
        }
        saga.schedule(STEP, Duration.ZERO, progress.purgeId);
    }

    /** An operator asked to compensate: a purge removes data for good, so nothing is undone; the instance says so. */
    public void compensate(CompensationRequested request, Progress progress, SagaRuntime saga) {
        if (progress.tenant == null || progress.ended) {
            return;
        }
        saga.state(SagaState.FLAGGED, cut("compensation asked by " + request.by() + " (" + request.reason()
                + ") refused: a purge is never undone; it goes on"));
    }

    /**
     * Removes up to a batch of records, kind after kind: a small tenant is purged in one step, a large one in as
     * many as it needs, each going on after the last record the one before handled.
     */
    private void removeBatch(Progress progress, SagaRuntime saga) {
        int budget = properties.batch();
        while (budget > 0 && progress.kind < KINDS.size()) {
            Kind kind = KINDS.get(progress.kind);
            List<String> batch = records.aggregates(progress.tenant, kind.aggregateType, progress.after, budget);
            for (String aggregate : batch) {
                if (remove(kind, aggregate, progress.tenant)) {
                    progress.removed.merge(kind.label, 1L, Long::sum);
                }
                progress.after = aggregate;
            }
            if (batch.size() < budget) {
                saga.stepDone(kind.label + " removed: " + progress.removed.getOrDefault(kind.label, 0L));
                progress.kind++;
                progress.after = null;
            }
            budget -= batch.size();
        }
    }

    /** Sends the kind's removal; answers whether it removed something (false: the record was gone already). */
    private boolean remove(Kind kind, String aggregate, String tenant) {
        // tenant + Chariot key, except an API key's: its key id alone
        String key = kind == Kind.KEYS ? aggregate : aggregate.substring(tenant.length());
        try {
            Instant before = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Object answer = commands.sendAndWait(switch (kind) {
                case JOBS -> new PurgeJob(aggregate, tenant, key, SYSTEM);
                case RISKS -> new PurgeRisk(aggregate, tenant, key, SYSTEM);
                case ASSETS -> new PurgeAsset(aggregate, tenant, key, SYSTEM);
                // webpages and preseeds are removed for good by their own commands
                case WEBPAGES -> new RemoveWebpage(aggregate, tenant, key, SYSTEM);
                case PRESEEDS -> new RemovePreseed(aggregate, tenant, key, SYSTEM);
                case FILES -> new DeleteFile(aggregate, tenant, key.substring(FileNames.PREFIX.length()), SYSTEM);
                case INTEGRATIONS -> unlink(aggregate, tenant, key);
                case SETTINGS -> new RemoveSetting(aggregate, tenant, key, SYSTEM);
                // an API key's aggregate is its key id, without the tenant
                case KEYS -> new RevokeApiKey(aggregate, tenant, SYSTEM);
            });
            return switch (kind) {
                // purging a purged record answers false
                case JOBS, RISKS, ASSETS -> Boolean.TRUE.equals(answer);
                // a key revoked before this step was not removed by it
                case KEYS -> answer instanceof ApiKeyState state && state.deleted() != null
                             && !state.deleted().isBefore(before);
                // the others answer "not found" once gone
                default -> true;
            };
        } catch (RuntimeException e) {
            if (Rejections.is(e, Rejection.Code.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    /** An integration's key is {@code #account#{tenant}#{member}#{value}}; neither member nor value holds '#'. */
    private static UnlinkIntegration unlink(String aggregate, String tenant, String key) {
        String rest = key.substring((AccountCommands.ACCOUNT_PREFIX + tenant + "#").length());
        int split = rest.indexOf('#');
        return new UnlinkIntegration(aggregate, tenant, rest.substring(0, split), rest.substring(split + 1), SYSTEM);
    }

    private void destroyKey(Progress progress, SagaRuntime saga) {
        TenantDataKeys keys = dataKeys.get();
        if (keys == null) {
            log.warn("tenant purge {}: no TenantDataKeys in this deployment, the tenant's data key is not destroyed",
                    progress.purgeId);
            saga.stepDone("data key not destroyed: this deployment has no TenantDataKeys");
        } else {
            keys.destroy(progress.tenant);
            progress.keysDestroyed = true;
            saga.stepDone("data key destroyed");
        }
        progress.keysDone = true;
    }

    private void record(Progress progress, SagaRuntime saga) {
        Map<String, Long> removed = new LinkedHashMap<>();
        for (Kind kind : KINDS) {
            removed.put(kind.label, progress.removed.getOrDefault(kind.label, 0L));
        }
        commands.sendAndWait(RecordTenantPurge.of(progress.tenant, progress.purgeId, removed, progress.keysDestroyed,
                SYSTEM));
        saga.stepDone("erasure record written");
        progress.ended = true;
        saga.end(SagaState.COMPLETED, "purged: " + removed.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                + (progress.keysDestroyed ? "; data key destroyed" : "; data key not destroyed"));
    }

    /** A rejection's message (the one model, ADR 0016), else the failure's own. */
    private static String message(Throwable e) {
        return Rejections.of(e).map(Rejection::message).orElseGet(() -> {
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
