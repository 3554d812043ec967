package io.chariot.asset;

import io.chariot.api.input.CommandTargets;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AddPort;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.asset.AssetCommands.DeleteAsset;
import io.chariot.api.asset.AssetCommands.PortState;
import io.chariot.api.asset.AssetCommands.PurgeAsset;
import io.chariot.api.asset.AssetCommands.RemoveAttribute;
import io.chariot.api.asset.AssetCommands.RemovePort;
import io.chariot.api.asset.AssetCommands.SeedAsset;
import io.chariot.api.asset.AssetCommands.UpdateAsset;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.asset.AssetEvents.AssetAttackSurfaceChanged;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetGroupChanged;
import io.chariot.api.asset.AssetEvents.AssetPurged;
import io.chariot.api.asset.AssetEvents.AssetSourcePromoted;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AssetVisited;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetEvents.AttributeRemoved;
import io.chariot.api.asset.AssetEvents.PortAdded;
import io.chariot.api.asset.AssetEvents.PortRemoved;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.AssetKind;
import io.chariot.api.asset.AssetSource;
import io.chariot.api.asset.AssetStatus;
import io.chariot.api.input.Inputs;
import io.chariot.api.rejection.Rejected;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An asset-like record of one tenant (chariot-api.md §2.3), identified by tenant + Chariot key: an asset, a web
 * application or an AD domain ({@link AssetKind}, ADR 0007), which share tabularium's BaseAsset lifecycle and differ
 * in identity only. Its attributes and ports are entities inside it, because their keys embed its key and they live
 * and die with it.
 * <p>
 * Command handlers only validate and {@code apply}; every state change happens in an event sourcing handler.
 * Time comes from {@link GenericEventMessage#clock} (the clock Axon stamps events with; test fixtures fix it).
 * <p>
 * Rejections change nothing: an invalid {@link Rejected} for an unknown status,
 * source, an id that does not match tenant and key, an unknown attribute or port, or a child of a
 * deleted asset; {@link io.chariot.api.asset.InvalidKeyException} for a malformed key or natural field. Commands
 * other than {@link UpsertAsset} for an asset that does not exist are rejected by Axon with
 * {@code AggregateNotFoundException}.
 */
@Aggregate(snapshotTriggerDefinition = "assetSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Asset {

    /** Assets, attributes and ports expire 30 days after they were last seen, unless permanent. */
    static final Duration DEFAULT_TTL = Duration.ofDays(30);

    @AggregateIdentifier
    private String assetId;
    private String tenant;
    private String key;
    private String dns;
    private String name;
    private String assetClass;
    private boolean privateAddress;
    private String status;
    private String source;
    private String origin;
    private List<String> attackSurface;
    private Instant created;
    private Instant visited;
    private Instant updated;
    private long ttl;
    @AggregateMember
    private Map<String, AssetAttribute> attributes = new HashMap<>();
    @AggregateMember
    private Map<String, AssetPort> ports = new HashMap<>();
    /** What the history in the asset's table item holds (store limits: comments are refused once it is full). */
    private long historyBytes;
    /** Removed for good by a tenant purge: it answers as if it had never existed, and an upsert starts it anew. */
    private boolean purged;

    protected Asset() {
        // for Axon and for snapshots
    }

    // ----------------------------------------------------------------------------------------------------------
    // Commands

    /**
     * Adds an asset or re-discovers it. A new asset is {@link AssetDiscovered}. For a known one:
     * <ol>
     *     <li>a permanent source (seed, account) promotes a non-permanent asset ({@link AssetSourcePromoted});
     *     a {@code self} discovery never changes a seed or account asset's source or status;</li>
     *     <li>a user's upsert (source other than self, or an explicit status) changes the status when it differs,
     *     and re-adding a deleted asset brings it back (to the explicit status, or P for a seed, A otherwise);
     *     a scanner does not bring a deleted asset back;</li>
     *     <li>a different attack surface is recorded;</li>
     *     <li>an asset that is not deleted is {@link AssetVisited}: its TTL is refreshed (0 stays 0 for permanent
     *     assets).</li>
     * </ol>
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AssetState handle(UpsertAsset command) {
        AssetKeys.Identity identity = AssetKeys.identity(command.kindOrDefault(), command.dns(), command.name());
        requireTarget(command.assetId(), command.tenant(), identity.key());
        AssetSource incoming = validSource(command.source());
        String requestedStatus = validStatus(command.status());
        List<String> surface = validAttackSurface(command.attackSurface());
        Instant at = now();

        if (assetId == null || purged) {
            String initialStatus = requestedStatus != null ? requestedStatus : defaultStatus(incoming);
            apply(new AssetDiscovered(command.tenant(), identity.key(), identity.dns(), identity.name(),
                                      AssetKeys.classOf(identity, incoming.code()), AssetKeys.isPrivate(identity),
                                      initialStatus, incoming.code(), command.by(),
                                      surface != null ? surface : List.of(), ttl(incoming.permanent(), at),
                                      command.comment(), command.by(), at));
            return state();
        }

        AssetSource current = currentSource();
        boolean fromUser = incoming != AssetSource.SELF || requestedStatus != null;
        boolean overridden = incoming == AssetSource.SELF && current.permanent();

        if (incoming.permanent() && !current.permanent()) {
            apply(new AssetSourcePromoted(tenant, key, current.code(), incoming.code(), status, command.by(), at));
        }
        String targetStatus = null;
        if (fromUser && !overridden) {
            if (requestedStatus != null) {
                targetStatus = requestedStatus;
            } else if (isDeleted()) {
                targetStatus = defaultStatus(incoming);
            }
        }
        if (targetStatus != null && !targetStatus.equals(status)) {
            Inputs.historyRoom(historyBytes, command.by(), command.comment());
            apply(new AssetStatusChanged(tenant, key, status, targetStatus, command.comment(), command.by(), at));
        }
        if (isDeleted()) {
            return state();
        }
        if (identity.kind() == AssetKind.WEBAPPLICATION && !identity.dns().equals(dns)) {
            apply(new AssetGroupChanged(tenant, key, identity.dns(), command.by(), at));
        }
        if (surface != null && !sameSurface(surface, attackSurface)) {
            apply(new AssetAttackSurfaceChanged(tenant, key, surface, command.by(), at));
        }
        apply(new AssetVisited(tenant, key, ttl(currentSource().permanent(), at), command.by(), at));
        return state();
    }

    /** A user's update of an existing asset: its status and/or attack surface, when they differ. */
    @CommandHandler
    public AssetState handle(UpdateAsset command) {
        requireTarget(command.assetId(), command.tenant(), AssetKeys.normalisedKey(command.key()));
        requireNotPurged();
        String requestedStatus = validStatus(command.status());
        List<String> surface = validAttackSurface(command.attackSurface());
        Instant at = now();

        if (requestedStatus != null && !requestedStatus.equals(status)) {
            Inputs.historyRoom(historyBytes, command.by(), command.comment());
            apply(new AssetStatusChanged(tenant, key, status, requestedStatus, command.comment(), command.by(), at));
        }
        if (surface != null && !sameSurface(surface, attackSurface)) {
            apply(new AssetAttackSurfaceChanged(tenant, key, surface, command.by(), at));
        }
        return state();
    }

    /**
     * {@code PUT /seed} with a key: an existing asset becomes a seed (unless it already has a permanent source) and
     * takes the requested status when it differs. Seeding changes nothing else, and never creates an asset.
     */
    @CommandHandler
    public AssetState handle(SeedAsset command) {
        requireTarget(command.assetId(), command.tenant(), AssetKeys.normalisedKey(command.key()));
        requireNotPurged();
        String requestedStatus = validStatus(command.status());
        Instant at = now();
        if (!currentSource().permanent()) {
            apply(new AssetSourcePromoted(tenant, key, source, AssetSource.SEED.code(), status, command.by(), at));
        }
        if (requestedStatus != null && !requestedStatus.equals(status)) {
            Inputs.historyRoom(historyBytes, command.by(), command.comment());
            apply(new AssetStatusChanged(tenant, key, status, requestedStatus, command.comment(), command.by(), at));
        }
        return state();
    }

    /** A soft delete: status D, history kept. Deleting a deleted asset changes nothing. */
    @CommandHandler
    public AssetState handle(DeleteAsset command) {
        requireTarget(command.assetId(), command.tenant(), AssetKeys.normalisedKey(command.key()));
        if (!isDeleted()) {
            Inputs.historyRoom(historyBytes, command.by(), command.comment());
            apply(new AssetStatusChanged(tenant, key, status, AssetStatus.DELETED.code(), command.comment(),
                                         command.by(), now()));
        }
        return state();
    }

    /**
     * A tenant purge removes the asset for good, with its attributes and ports; answers whether it did (purging it
     * again changes nothing).
     */
    @CommandHandler
    public boolean handle(PurgeAsset command) {
        requireTarget(command.assetId(), command.tenant(), AssetKeys.normalisedKey(command.key()));
        if (purged) {
            return false;
        }
        apply(new AssetPurged(tenant, key, command.by(), now()));
        return true;
    }

    /** Adds an attribute; adding one the asset already has changes nothing. */
    @CommandHandler
    public AttributeState handle(AddAttribute command) {
        requireTarget(command.assetId(), command.tenant(), AssetKeys.normalisedKey(command.assetKey()));
        requireNotDeleted("add an attribute to");
        String attributeKey = AssetKeys.attributeKey(command.name(), command.value(), key);
        if (!attributes.containsKey(attributeKey)) {
            Instant at = now();
            apply(new AttributeAdded(tenant, key, attributeKey, command.name().trim(), command.value().trim(),
                                     command.capability(), ttl(false, at), command.by(), at));
        }
        return attributes.get(attributeKey).state(key);
    }

    @CommandHandler
    public void handle(RemoveAttribute command) {
        requireTarget(command.assetId(), command.tenant(), AssetKeys.parentOf(command.attributeKey()));
        requireNotDeleted("remove an attribute from");
        if (!attributes.containsKey(command.attributeKey())) {
            throw Rejected.invalid("asset " + key + " has no attribute " + command.attributeKey());
        }
        apply(new AttributeRemoved(tenant, key, command.attributeKey(), command.by(), now()));
    }

    /** Adds a port; adding one the asset already has changes nothing (it returns the existing one). */
    @CommandHandler
    public PortState handle(AddPort command) {
        requireTarget(command.assetId(), command.tenant(), AssetKeys.parseAssetKey(command.assetKey()).key());
        requireNotDeleted("add a port to");
        String portKey = AssetKeys.portKey(command.protocol(), command.port(), key);
        if (!ports.containsKey(portKey)) {
            Instant at = now();
            apply(new PortAdded(tenant, key, portKey, command.protocol().trim().toLowerCase(Locale.ROOT),
                                command.port(), command.service(), command.capability(), ttl(false, at), command.by(),
                                at));
        }
        return new PortState(portKey, ports.get(portKey).created());
    }

    @CommandHandler
    public void handle(RemovePort command) {
        requireTarget(command.assetId(), command.tenant(), AssetKeys.parentOf(command.portKey()));
        requireNotDeleted("remove a port from");
        if (!ports.containsKey(command.portKey())) {
            throw Rejected.invalid("asset " + key + " has no port " + command.portKey());
        }
        apply(new PortRemoved(tenant, key, command.portKey(), command.by(), now()));
    }

    // ----------------------------------------------------------------------------------------------------------
    // State

    @EventSourcingHandler
    void on(AssetDiscovered event) {
        purged = false;
        assetId = AssetCommands.aggregateId(event.tenant(), event.key());
        tenant = event.tenant();
        key = event.key();
        dns = event.dns();
        name = event.name();
        assetClass = event.assetClass();
        privateAddress = event.privateAddress();
        status = event.status();
        source = event.source();
        origin = event.origin();
        attackSurface = List.copyOf(event.attackSurface());
        created = event.at();
        visited = event.at();
        updated = event.at();
        ttl = event.ttl();
    }

    /** Only the identity stays, so that a later upsert starts a new asset under the same identifier. */
    @EventSourcingHandler
    void on(AssetPurged event) {
        purged = true;
        status = AssetStatus.DELETED.code();
        attributes.clear();
        ports.clear();
        historyBytes = 0;
        attackSurface = List.of();
    }

    @EventSourcingHandler
    void on(AssetVisited event) {
        visited = event.at();
        updated = event.at();
        ttl = event.ttl();
    }

    @EventSourcingHandler
    void on(AssetStatusChanged event) {
        status = event.to();
        updated = event.at();
        historyBytes += Inputs.historyRecordBytes(event.by(), event.comment());
    }

    /** A permanent asset does not expire. */
    @EventSourcingHandler
    void on(AssetSourcePromoted event) {
        source = event.toSource();
        ttl = 0;
        updated = event.at();
        historyBytes += Inputs.historyRecordBytes(event.by(), null);
    }

    @EventSourcingHandler
    void on(AssetGroupChanged event) {
        dns = event.group();
        updated = event.at();
    }

    @EventSourcingHandler
    void on(AssetAttackSurfaceChanged event) {
        attackSurface = List.copyOf(event.attackSurface());
        updated = event.at();
    }

    @EventSourcingHandler
    void on(AttributeAdded event) {
        attributes.put(event.key(), new AssetAttribute(event));
    }

    @EventSourcingHandler
    void on(AttributeRemoved event) {
        attributes.remove(event.key());
    }

    @EventSourcingHandler
    void on(PortAdded event) {
        ports.put(event.key(), new AssetPort(event));
    }

    @EventSourcingHandler
    void on(PortRemoved event) {
        ports.remove(event.key());
    }

    // ----------------------------------------------------------------------------------------------------------
    // Rules

    /** The command's target id must be the one its tenant and (normalised) key name. */
    private void requireTarget(String commandAssetId, String commandTenant, String normalisedKey) {
        CommandTargets.require("asset", commandAssetId, AssetCommands.aggregateId(commandTenant, normalisedKey),
                               commandTenant, normalisedKey, assetId);
    }

    private void requireNotPurged() {
        if (purged) {
            throw new AggregateNotFoundException(assetId, "no asset " + key);
        }
    }

    private void requireNotDeleted(String action) {
        if (isDeleted()) {
            throw Rejected.invalid("cannot " + action + " deleted asset " + key
                                                                  + ": re-add the asset first");
        }
    }

    private boolean isDeleted() {
        return AssetStatus.DELETED.code().equals(status);
    }

    private AssetSource currentSource() {
        return AssetSource.fromCode(source).orElse(AssetSource.SELF);
    }

    private static AssetSource validSource(String code) {
        if (code == null) {
            return AssetSource.SELF;
        }
        return AssetSource.fromCode(code).orElseThrow(() -> Rejected.invalid("unknown source '" + code + "' (expected self, seed, account or provided)"));
    }

    /** A valid status code, or null when none was given. */
    private static String validStatus(String code) {
        if (code == null) {
            return null;
        }
        if (!AssetStatus.isValid(code)) {
            throw Rejected.invalid("unknown status '" + code + "' (expected one of " + AssetStatus.codes() + ")");
        }
        return code;
    }

    private static String defaultStatus(AssetSource source) {
        return (source == AssetSource.SEED ? AssetStatus.PENDING : AssetStatus.ACTIVE).code();
    }

    /**
     * Attack surfaces are free-form labels (tabularium; praetorian-cli sends {@code test-surface}, {@code abc}, and
     * {@code ""} when none was chosen): trimmed and lower-cased, blanks dropped, each once, in the given order; null
     * when none was given.
     */
    private static List<String> validAttackSurface(List<String> surfaces) {
        if (surfaces == null) {
            return null;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String surface : surfaces) {
            if (surface != null && !surface.isBlank()) {
                out.add(surface.trim().toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean sameSurface(List<String> a, List<String> b) {
        return Set.copyOf(a).equals(b == null ? Set.of() : Set.copyOf(b));
    }

    private static long ttl(boolean permanent, Instant at) {
        return permanent ? 0 : at.plus(DEFAULT_TTL).getEpochSecond();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private AssetState state() {
        return new AssetState(key, dns, name, assetClass, privateAddress, status, source, origin, attackSurface,
                              created, visited, updated, ttl);
    }

    // Read access for same-package tests.

    Map<String, AssetAttribute> attributes() {
        return Map.copyOf(attributes);
    }

    Map<String, AssetPort> ports() {
        return Map.copyOf(ports);
    }

    AssetState currentState() {
        return state();
    }
}
