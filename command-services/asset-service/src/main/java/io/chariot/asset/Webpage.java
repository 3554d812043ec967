package io.chariot.asset;

import io.chariot.api.input.CommandTargets;
import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetStatus;
import io.chariot.api.asset.WebpageCommands.AddWebpage;
import io.chariot.api.asset.WebpageCommands.LinkWebpageSource;
import io.chariot.api.asset.WebpageCommands.RemoveWebpage;
import io.chariot.api.asset.WebpageCommands.UnlinkWebpageSource;
import io.chariot.api.asset.WebpageCommands.WebpageState;
import io.chariot.api.asset.WebpageEvents.WebpageAdded;
import io.chariot.api.asset.WebpageEvents.WebpageParentLinked;
import io.chariot.api.asset.WebpageEvents.WebpageRemoved;
import io.chariot.api.asset.WebpageEvents.WebpageSourceLinked;
import io.chariot.api.asset.WebpageEvents.WebpageSourceUnlinked;
import io.chariot.api.asset.WebpageEvents.WebpageVisited;
import io.chariot.api.asset.WebpageKeys;
import io.chariot.api.rejection.Rejected;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A webpage of one tenant ({@code #webpage#{url}}, tabularium webpage.go): a page or endpoint, optionally under web
 * applications (HAS_WEBPAGE), with files or repositories linked to it as its source code. Not a BaseAsset: it has
 * no source, surface or seeds, so it is an aggregate of its own in the asset context (ADR 0007).
 * <p>
 * Rules: a new webpage is active unless a status is given, and expires 7 days after it was last added; adding it
 * again refreshes that and links a new parent; linking a source twice, or unlinking one that is not linked, changes
 * nothing; removal is for good, and adding the page again afterwards starts afresh. Commands other than the add for
 * a webpage that does not exist (or was removed) fail with {@link AggregateNotFoundException}.
 */
@Aggregate
public class Webpage {

    /** tabularium's webpage default: {@code Future(7 * 24)} hours. */
    static final Duration DEFAULT_TTL = Duration.ofDays(7);

    @AggregateIdentifier
    private String webpageId;
    private String tenant;
    private String key;
    private String url;
    private String status;
    private List<String> parents = new ArrayList<>();
    private List<String> artifacts = new ArrayList<>();
    private Instant created;
    private Instant visited;
    private Instant updated;
    private long ttl;
    private boolean removed;

    protected Webpage() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WebpageState handle(AddWebpage command) {
        String k = WebpageKeys.key(command.url());
        requireTarget(command.webpageId(), command.tenant(), k);
        Instant at = now();
        long newTtl = at.plus(DEFAULT_TTL).getEpochSecond();
        if (webpageId == null || removed) {
            apply(new WebpageAdded(command.tenant(), k, WebpageKeys.checkedUrl(command.url()),
                    validStatus(command.status()), command.parentKey(), newTtl, command.by(), at));
            return state();
        }
        if (command.parentKey() != null && !parents.contains(command.parentKey())) {
            apply(new WebpageParentLinked(tenant, key, command.parentKey(), command.by(), at));
        }
        apply(new WebpageVisited(tenant, key, newTtl, command.by(), at));
        return state();
    }

    @CommandHandler
    public WebpageState handle(RemoveWebpage command) {
        requireExisting(command.webpageId(), command.tenant(), command.key());
        apply(new WebpageRemoved(tenant, key, command.by(), now()));
        return state();
    }

    @CommandHandler
    public WebpageState handle(LinkWebpageSource command) {
        requireExisting(command.webpageId(), command.tenant(), command.key());
        if (!artifacts.contains(command.entityKey())) {
            apply(new WebpageSourceLinked(tenant, key, command.entityKey(), command.by(), now()));
        }
        return state();
    }

    @CommandHandler
    public WebpageState handle(UnlinkWebpageSource command) {
        requireExisting(command.webpageId(), command.tenant(), command.key());
        if (artifacts.contains(command.entityKey())) {
            apply(new WebpageSourceUnlinked(tenant, key, command.entityKey(), command.by(), now()));
        }
        return state();
    }

    @EventSourcingHandler
    void on(WebpageAdded e) {
        webpageId = AssetCommands.aggregateId(e.tenant(), e.key());
        tenant = e.tenant();
        key = e.key();
        url = e.url();
        status = e.status();
        parents = new ArrayList<>();
        if (e.parentKey() != null) {
            parents.add(e.parentKey());
        }
        artifacts = new ArrayList<>();
        created = e.at();
        visited = e.at();
        updated = e.at();
        ttl = e.ttl();
        removed = false;
    }

    @EventSourcingHandler
    void on(WebpageVisited e) {
        visited = e.at();
        ttl = e.ttl();
    }

    @EventSourcingHandler
    void on(WebpageParentLinked e) {
        parents.add(e.parentKey());
        updated = e.at();
    }

    @EventSourcingHandler
    void on(WebpageSourceLinked e) {
        artifacts.add(e.entityKey());
        updated = e.at();
    }

    @EventSourcingHandler
    void on(WebpageSourceUnlinked e) {
        artifacts.remove(e.entityKey());
        updated = e.at();
    }

    @EventSourcingHandler
    void on(WebpageRemoved e) {
        removed = true;
        updated = e.at();
    }

    private void requireTarget(String commandId, String commandTenant, String k) {
        CommandTargets.require("webpage", commandId, AssetCommands.aggregateId(commandTenant, k), commandTenant, k, null);
    }

    private void requireExisting(String commandId, String commandTenant, String k) {
        requireTarget(commandId, commandTenant, WebpageKeys.parse(k));
        if (removed) {
            throw new AggregateNotFoundException(commandId, "webpage " + k + " was deleted");
        }
    }

    private static String validStatus(String code) {
        if (code == null || code.isBlank()) {
            return AssetStatus.ACTIVE.code();
        }
        if (!AssetStatus.isValid(code)) {
            throw Rejected.invalid("unknown status '" + code + "' (expected one of " + AssetStatus.codes() + ")");
        }
        return code;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private WebpageState state() {
        return new WebpageState(key, url, status, List.copyOf(parents), List.copyOf(artifacts), created, visited,
                updated, ttl);
    }
}
