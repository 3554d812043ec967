package io.chariot.asset.web;

import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.AssetSource;
import io.chariot.api.asset.AssetStatus;
import io.chariot.gateway.tenancy.Caller;
import io.chariot.gateway.web.BadRequestException;
import io.chariot.gateway.web.ForbiddenException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The asset slice of Chariot's command API. Validates and normalises input, then sends one command and answers
 * with the aggregate's resulting state in Chariot's shapes (a list for {@code /asset}, {@code {"attributes":[…]}}
 * for {@code /attribute}). Nothing is written unless the whole request is valid.
 */
@RestController
public class AssetCommandController {

    private final CommandGateway commands;
    private final ObjectProvider<AssetKeyDirectory> directory;

    public AssetCommandController(CommandGateway commands, ObjectProvider<AssetKeyDirectory> directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Operation(summary = "Add an asset ({group, identifier} or {dns, name}) or update one ({key, status, attackSurface})")
    @PutMapping("/asset")
    public List<Map<String, Object>> upsert(Caller caller, @RequestBody AssetRequest body) {
        requireWrite(caller);
        if (body.type() != null && !body.type().isBlank() && !body.type().equals("asset")) {
            throw new BadRequestException("type must be 'asset' on /asset, got '" + body.type() + "'");
        }
        String status = status(body.status());
        List<String> surface = surface(body.attackSurface());
        AssetState state;
        if (body.key() != null && !body.key().isBlank() && body.group() == null && body.dns() == null) {
            var identity = AssetKeys.parseAssetKey(body.key());
            state = commands.sendAndWait(new AssetCommands.UpdateAsset(
                    AssetCommands.aggregateId(caller.tenant(), identity.key()), caller.tenant(), identity.key(),
                    status, surface, body.comment(), caller.user()));
        } else {
            String group = body.group() != null ? body.group() : body.dns();
            String identifier = body.identifier() != null ? body.identifier() : body.name();
            var identity = AssetKeys.identity(group, identifier);
            state = commands.sendAndWait(new AssetCommands.UpsertAsset(
                    AssetCommands.aggregateId(caller.tenant(), identity.key()), caller.tenant(), identity.dns(),
                    identity.name(), status, AssetSource.PROVIDED.code(), surface, body.comment(), caller.user()));
        }
        return List.of(json(caller.tenant(), state));
    }

    @Operation(summary = "chariot-ui's create: POST is a synonym of PUT")
    @PostMapping("/asset")
    public List<Map<String, Object>> create(Caller caller, @RequestBody AssetRequest body) {
        return upsert(caller, body);
    }

    @Operation(summary = "Soft-delete an asset, or every asset under a key prefix: status D, history kept")
    @DeleteMapping("/asset")
    public List<Map<String, Object>> delete(Caller caller, @RequestBody AssetRequest body) {
        requireWrite(caller);
        if (body.key() == null || body.key().isBlank()) {
            throw new BadRequestException("key is required");
        }
        List<String> keys;
        if (AssetKeys.isAssetKey(body.key().trim().toLowerCase(java.util.Locale.ROOT))) {
            keys = List.of(AssetKeys.parseAssetKey(body.key()).key());
        } else if (body.key().startsWith(AssetKeys.ASSET_PREFIX)) {
            AssetKeyDirectory keysByPrefix = directory.getIfAvailable();
            if (keysByPrefix == null) {
                throw new BadRequestException("this deployment deletes by exact asset key only");
            }
            keys = keysByPrefix.assetKeysWithPrefix(caller.tenant(), body.key().trim().toLowerCase(java.util.Locale.ROOT));
            if (keys.isEmpty()) {
                throw new io.chariot.gateway.web.NotFoundException("no asset key starts with " + body.key());
            }
        } else {
            throw new BadRequestException("not an asset key or key prefix (expected #asset#…): " + body.key());
        }
        return keys.stream().map(key -> json(caller.tenant(), commands.<AssetState>sendAndWait(
                new AssetCommands.DeleteAsset(AssetCommands.aggregateId(caller.tenant(), key), caller.tenant(), key,
                        body.comment(), caller.user())))).toList();
    }

    @Operation(summary = "Add an attribute {key: parent asset or risk key, name, value}")
    @PutMapping("/attribute")
    public Map<String, Object> addAttribute(Caller caller, @RequestBody AttributeRequest body) {
        requireWrite(caller);
        if (RiskAttributes.isRiskParent(body.key())) {
            return RiskAttributes.add(commands, caller, body);
        }
        var parent = AssetKeys.parseAssetKey(body.key());
        String key = AssetKeys.attributeKey(body.name(), body.value(), parent.key());
        commands.sendAndWait(new AssetCommands.AddAttribute(AssetCommands.aggregateId(caller.tenant(), parent.key()),
                caller.tenant(), parent.key(), body.name().trim(), body.value().trim(), null, caller.user()));
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("username", caller.tenant());
        attribute.put("key", key);
        attribute.put("source", parent.key());
        attribute.put("name", body.name().trim());
        attribute.put("value", body.value().trim());
        attribute.put("status", "A");
        attribute.put("created", Instant.now().toString());
        return Map.of("attributes", List.of(attribute));
    }

    @PostMapping("/attribute")
    public Map<String, Object> createAttribute(Caller caller, @RequestBody AttributeRequest body) {
        return addAttribute(caller, body);
    }

    @Operation(summary = "Remove an attribute {key: attribute key}")
    @DeleteMapping("/attribute")
    public Map<String, Object> removeAttribute(Caller caller, @RequestBody AttributeRequest body) {
        requireWrite(caller);
        if (body.key() == null || !body.key().startsWith(AssetKeys.ATTRIBUTE_PREFIX)) {
            throw new BadRequestException("key must be an attribute key (#attribute#{name}#{value}{parent key})");
        }
        if (RiskAttributes.isRiskAttribute(body.key())) {
            return RiskAttributes.remove(commands, caller, body.key());
        }
        String parent = AssetKeys.parentOf(body.key());
        commands.sendAndWait(new AssetCommands.RemoveAttribute(AssetCommands.aggregateId(caller.tenant(), parent),
                caller.tenant(), body.key(), caller.user()));
        return Map.of("attributes", List.of(Map.of("key", body.key(), "username", caller.tenant())));
    }

    private static void requireWrite(Caller caller) {
        if (!caller.canWrite()) {
            throw new ForbiddenException("role " + caller.role().name().toLowerCase() + " cannot write to "
                    + caller.tenant());
        }
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (!AssetStatus.isValid(status)) {
            throw new BadRequestException("unknown asset status '" + status + "'; expected one of A, P, F, D, FR, AL, AH, AP");
        }
        return status;
    }

    private static List<String> surface(List<String> attackSurface) {
        if (attackSurface == null) {
            return null;
        }
        return attackSurface.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
    }

    /** An asset as Chariot's clients read it: dns/name plus their group/identifier copies, class, lifecycle. */
    static Map<String, Object> json(String tenant, AssetState s) {
        Map<String, Object> asset = new LinkedHashMap<>();
        asset.put("username", tenant);
        asset.put("key", s.key());
        asset.put("dns", s.dns());
        asset.put("name", s.name());
        asset.put("group", s.dns());
        asset.put("identifier", s.name());
        asset.put("class", s.assetClass());
        asset.put("private", s.privateAddress());
        asset.put("status", s.status());
        asset.put("source", s.source());
        asset.put("origin", s.origin());
        asset.put("attackSurface", s.attackSurface() == null ? List.of() : s.attackSurface());
        asset.put("created", s.created() == null ? null : s.created().toString());
        asset.put("visited", s.visited() == null ? null : s.visited().toString());
        asset.put("updated", s.updated() == null ? null : s.updated().toString());
        asset.put("ttl", s.ttl());
        return asset;
    }
}
