package io.chariot.asset.web;

import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.PreseedState;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.AssetSource;
import io.chariot.api.asset.AssetStatus;
import io.chariot.api.asset.AssetView;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/**
 * Seeds and preseeds. A seed is an asset whose source is {@code seed} (chariot-api.md §2.3): {@code PUT /seed} adds
 * one through the {@code Asset} aggregate's upsert (which already promotes an existing asset and makes it
 * permanent) or, with a key, seeds an existing asset and sets its status; it answers the seed itself (not a list:
 * {@code sdk.seeds.add} returns the answer and callers read its {@code key}). Preseeds are their own aggregate.
 * Nothing is written unless the whole request is valid; readonly callers cannot write.
 */
@RestController
public class SeedController {

    private static final String LEGACY_SEED_PREFIX = "#seed#";

    private final CommandGateway commands;

    public SeedController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(summary = "Add a seed {type:'asset', model:{dns, name?, status}} or set one's status {key, status, "
            + "comment?}; answers the seed (praetorian-cli reads the answer's key)")
    @PutMapping("/seed")
    public AssetView seed(Caller caller, @RequestBody SeedRequest body) {
        caller.requireWrite();
        AssetState state;
        if (body.model() == null && body.dns() == null && body.key() != null && !body.key().isBlank()) {
            String key = assetKeyOfSeed(body.key());
            state = commands.sendAndWait(AssetCommands.SeedAsset.of(caller.tenant(), key, status(body.status()),
                    body.comment(), caller.user()));
        } else {
            if (body.type() != null && !body.type().isBlank() && !body.type().equals("asset")) {
                throw new BadRequestException("unsupported seed type '" + body.type() + "'; this server seeds assets");
            }
            SeedRequest.Model m = body.model() != null ? body.model()
                    : new SeedRequest.Model(body.dns(), body.name(), null, null, body.status(), body.comment());
            String group = m.group() != null ? m.group() : m.dns();
            String identifier = m.identifier() != null ? m.identifier() : m.name() != null ? m.name() : group;
            var identity = AssetKeys.identity(group, identifier);
            state = commands.sendAndWait(new AssetCommands.UpsertAsset(
                    AssetCommands.aggregateId(caller.tenant(), identity.key()), caller.tenant(), identity.dns(),
                    identity.name(), status(m.status()), AssetSource.SEED.code(), null, m.comment(), caller.user()));
        }
        return AssetView.of(caller.tenant(), state);
    }

    @Operation(summary = "Add a preseed {type, title, value, status}; re-adding one sets its status")
    @PostMapping("/preseed")
    public PreseedView.Preseeds addPreseed(Caller caller, @RequestBody PreseedRequest body) {
        caller.requireWrite();
        PreseedState state = commands.sendAndWait(AssetCommands.AddPreseed.of(caller.tenant(), body.type(),
                body.title(), body.value(), blankToNull(body.status()), body.comment(), caller.user()));
        return PreseedView.of(caller.tenant(), state);
    }

    @Operation(summary = "Set a preseed's status {key, status, comment?}")
    @PutMapping("/preseed")
    public PreseedView.Preseeds updatePreseed(Caller caller, @RequestBody PreseedRequest body) {
        caller.requireWrite();
        if (body.status() == null || body.status().isBlank()) {
            throw new BadRequestException("status is required");
        }
        PreseedState state = commands.sendAndWait(AssetCommands.UpdatePreseed.of(caller.tenant(), body.key(),
                body.status(), body.comment(), caller.user()));
        return PreseedView.of(caller.tenant(), state);
    }

    @Operation(summary = "Remove a preseed {key} for good")
    @DeleteMapping("/preseed")
    public PreseedView.Preseeds removePreseed(Caller caller, @RequestBody PreseedRequest body) {
        caller.requireWrite();
        PreseedState state = commands.sendAndWait(AssetCommands.RemovePreseed.of(caller.tenant(), body.key(),
                caller.user()));
        return PreseedView.removed(caller.tenant(), state.key());
    }

    /**
     * The asset key a seed key names: {@code #asset#…} itself, or a pre-2025 {@code #seed#{type}#{dns}} key, which
     * praetorian-cli still accepts, naming the asset {@code #asset#{dns}#{dns}} that a dns-only seed created.
     */
    static String assetKeyOfSeed(String key) {
        String trimmed = key.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith(LEGACY_SEED_PREFIX)) {
            String rest = trimmed.substring(LEGACY_SEED_PREFIX.length());
            int hash = rest.indexOf('#');
            String dns = hash < 0 ? "" : rest.substring(hash + 1);
            if (dns.isBlank() || dns.contains("#")) {
                throw new BadRequestException("not a seed key (expected #asset#{dns}#{name} or #seed#{type}#{dns}): "
                        + key);
            }
            return AssetKeys.identity(dns, dns).key();
        }
        return AssetKeys.parseAssetKey(trimmed).key();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (!AssetStatus.isValid(status)) {
            throw new BadRequestException("unknown seed status '" + status
                    + "'; expected one of " + AssetStatus.codes());
        }
        return status;
    }
}
