package io.chariot.sagas.job;

import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AddPort;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobResults;
import io.chariot.api.job.JobResults.AssetItem;
import io.chariot.api.job.JobResults.AttributeItem;
import io.chariot.api.job.JobResults.ChildJob;
import io.chariot.api.job.JobResults.PortItem;
import io.chariot.api.job.JobResults.RiskItem;
import io.chariot.api.risk.RiskCommands.AddRisk;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a finished run's result items ({@link JobFinished#items()}) into facts of the contexts that own them
 * (chariot-api.md §2.5): assets, then attributes and ports (asset context), then risks on their targets (risk
 * context: the HAS_VULNERABILITY link follows from the risk's target, as for {@code PUT /risk}), then child jobs
 * (job context) with this job as their parent and its chain's origin. It sends commands of the published language
 * only; no context's code is known here.
 * <ul>
 *     <li>Assets without a status are a scanner's <em>visit</em> (discover or re-discover); with a status a
 *     <em>merge</em>. Risks are opened or re-detected (a visit: a remediated risk reopens).</li>
 *     <li>An attribute or port whose asset does not exist yet discovers that asset first: the scanner saw it.</li>
 *     <li>The items were validated before the job finished, so a command fails only on state that changed since
 *     (a deleted asset, say). Such an item is logged and skipped; the others still apply, and the processor never
 *     blocks on one bad item.</li>
 *     <li>At-least-once delivery is safe: every command is idempotent but for a visit's refreshed timestamps.
 *     Replays are disallowed, because a rebuild must not re-run side effects.</li>
 * </ul>
 */
@ProcessingGroup(JobResultDispatcher.NAME)
@DisallowReplay
public class JobResultDispatcher {

    public static final String NAME = "job-results";
    private static final Logger log = LoggerFactory.getLogger(JobResultDispatcher.class);

    private final CommandGateway commands;

    public JobResultDispatcher(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(JobFinished finished) {
        JobResults.Items items = finished.items();
        if (items == null || items.isEmpty()) {
            return;
        }
        String tenant = finished.tenant();
        // facts a capability produced are attributed to it (an asset's origin is "the user or capability that added it")
        String capability = JobKeys.capabilityOf(finished.key());
        for (AssetItem a : items.assets()) {
            apply(finished, "asset", () -> commands.sendAndWait(UpsertAsset.of(tenant, a.dns(), a.name(), a.status(),
                    null, null, null, capability)));
        }
        for (AttributeItem a : items.attributes()) {
            apply(finished, "attribute", () -> withAsset(tenant, a.parent(), capability,
                    AddAttribute.of(tenant, a.parent(), a.name(), a.value(), capability, capability)));
        }
        for (PortItem p : items.ports()) {
            apply(finished, "port", () -> withAsset(tenant, p.parent(), capability,
                    AddPort.of(tenant, p.parent(), p.protocol(), p.port(), p.service(), capability, capability)));
        }
        for (RiskItem r : items.risks()) {
            apply(finished, "risk", () -> commands.sendAndWait(AddRisk.of(tenant, r.target(), r.dns(), r.name(),
                    r.status(), r.title(), r.comment(), capability, List.of(), capability)));
        }
        String origin = finished.origin() == null ? finished.key() : finished.origin();
        for (ChildJob j : items.jobs()) {
            apply(finished, "job", () -> commands.sendAndWait(QueueJob.child(tenant, j.target(), j.capability(),
                    j.config(), List.of(), j.retries(), j.timeoutSeconds(), finished.key(), origin, capability)));
        }
    }

    /** Sends a command under an asset; an asset not known yet is discovered first (the scanner saw it). */
    private Object withAsset(String tenant, String assetKey, String capability, Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException e) {
            if (!(rootOf(e) instanceof AggregateNotFoundException)) {
                throw e;
            }
            AssetKeys.Identity asset = AssetKeys.parseAssetKey(assetKey);
            commands.sendAndWait(UpsertAsset.of(tenant, asset.dns(), asset.name(), null, null, null, null,
                    capability));
            return commands.sendAndWait(command);
        }
    }

    private static void apply(JobFinished finished, String type, Supplier<Object> send) {
        try {
            send.get();
        } catch (RuntimeException e) {
            // keys and names only: result items carry no secrets, but a message might echo input
            log.warn("job {} of {}: a {} item was not applied: {}", finished.key(), finished.tenant(), type,
                    rootOf(e).getMessage());
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while ((t instanceof CommandExecutionException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
