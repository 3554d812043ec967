package io.chariot.asset.web;

import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.AssetKind;
import io.chariot.api.asset.InvalidKeyException;
import io.chariot.api.asset.AssetSource;
import io.chariot.api.asset.AssetStatus;
import io.chariot.api.asset.AssetView;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.Absent;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.api.input.Inputs;
import io.chariot.websupport.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/**
 * The asset slice of Chariot's command API. Validates and normalises input, then sends one command and answers
 * with the aggregate's resulting state in Chariot's shapes (a list for {@code /asset}, {@code {"attributes":[…]}}
 * for {@code /attribute}). Nothing is written unless the whole request is valid.
 */
@RestController
public class AssetCommandController {

    private final CommandGateway commands;
    private final ObjectProvider<AssetKeyDirectory> directory;
    private final AssetLimits limits;

    public AssetCommandController(CommandGateway commands, ObjectProvider<AssetKeyDirectory> directory,
                                  AssetLimits limits) {
        this.commands = commands;
        this.directory = directory;
        this.limits = limits;
    }

    @Operation(summary = "Add an asset, web application or AD domain ({group, identifier, type} or {dns, name}) "
            + "or update one ({key, status, attackSurface})")
    @PutMapping("/asset")
    public List<AssetView> upsert(Caller caller, @RequestBody AssetRequest body) {
        caller.requireWrite();
        AssetKind kind = AssetKind.fromType(body.type()).orElseThrow(() -> new BadRequestException(
                "type must be asset, webapplication or addomain on /asset, got '" + body.type() + "'"));
        String status = status(body.status());
        List<String> surface = surface(body.attackSurface());
        AssetState state;
        if (body.key() != null && !body.key().isBlank() && body.group() == null && body.dns() == null) {
            String key = AssetKeys.normalisedKey(body.key());
            state = commands.sendAndWait(new AssetCommands.UpdateAsset(
                    AssetCommands.aggregateId(caller.tenant(), key), caller.tenant(), key,
                    status, surface, body.comment(), caller.user()));
        } else {
            String group = body.group() != null ? body.group() : body.dns();
            String identifier = body.identifier() != null ? body.identifier() : body.name();
            state = commands.sendAndWait(AssetCommands.UpsertAsset.of(kind, caller.tenant(), group, identifier,
                    status, AssetSource.PROVIDED.code(), surface, body.comment(), caller.user()));
        }
        return List.of(AssetView.of(caller.tenant(), state));
    }

    @Operation(summary = "chariot-ui's create: POST is a synonym of PUT")
    @PostMapping("/asset")
    public List<AssetView> create(Caller caller, @RequestBody AssetRequest body) {
        return upsert(caller, body);
    }

    @Operation(summary = "Soft-delete an asset (of any kind) {key}: status D, history kept; an exact key the tenant "
            + "does not have: [] (nothing written). Only {key: prefix, prefix: true} deletes every asset under a key "
            + "prefix, at most chariot.assets.max-prefix-delete of them (a prefix nothing starts with: 404)")
    @DeleteMapping("/asset")
    public List<AssetView> delete(Caller caller, @RequestBody AssetRequest body) {
        caller.requireWrite();
        if (body.key() == null || body.key().isBlank()) {
            throw new BadRequestException("key is required");
        }
        String raw = body.key().trim();
        AssetKind kind = AssetKind.ofKey(raw).orElseThrow(() -> new BadRequestException(
                "not an asset key or key prefix (expected #asset#…, #webapplication#… or #addomain#…): " + raw));
        if (Boolean.TRUE.equals(body.prefix())) {
            return keysUnder(caller, kind, raw).stream().map(key -> AssetView.of(caller.tenant(),
                    commands.<AssetState>sendAndWait(new AssetCommands.DeleteAsset(
                            AssetCommands.aggregateId(caller.tenant(), key), caller.tenant(), key, body.comment(),
                            caller.user())))).toList();
        }
        String exact = exactKey(kind, raw);
        if (exact == null) {
            // a key names one asset: a shorter one is refused, never widened into a delete of all under it
            throw new BadRequestException("not an exact key of an asset; to delete every asset under a key "
                    + "prefix send {\"key\": prefix, \"prefix\": true}");
        }
        try {
            return List.of(AssetView.of(caller.tenant(), commands.<AssetState>sendAndWait(new AssetCommands.DeleteAsset(
                    AssetCommands.aggregateId(caller.tenant(), exact), caller.tenant(), exact, body.comment(),
                    caller.user()))));
        } catch (RuntimeException e) {
            if (!Absent.is(e)) {
                throw e;
            }
            // an asset the tenant does not have is deleted already: praetorian-cli's clean-up relies on it
            return List.of();
        }
    }

    /** The normalised key when {@code raw} is a whole key of its kind, null when it can only be a prefix. */
    private static String exactKey(AssetKind kind, String raw) {
        if (kind == AssetKind.ASSET) {
            return AssetKeys.isAssetKey(raw.toLowerCase(Locale.ROOT)) ? AssetKeys.parseAssetKey(raw).key() : null;
        }
        try {
            return AssetKeys.normalisedKey(raw);
        } catch (InvalidKeyException prefixOnly) {
            return null;
        }
    }

    /** The explicit bulk delete: every asset under the prefix, refused whole when more match than allowed. */
    private List<String> keysUnder(Caller caller, AssetKind kind, String raw) {
        String prefix = Inputs.key("key", kind == AssetKind.ASSET ? raw.toLowerCase(Locale.ROOT) : raw);
        AssetKeyDirectory keysByPrefix = directory.getIfAvailable();
        if (keysByPrefix == null) {
            throw new BadRequestException("this deployment deletes by exact asset key only");
        }
        int max = limits.maxPrefixDelete();
        List<String> keys = keysByPrefix.assetKeysWithPrefix(caller.tenant(), prefix, max + 1);
        if (keys.isEmpty()) {
            throw new NotFoundException("no asset key starts with " + raw);
        }
        if (keys.size() > max) {
            throw new BadRequestException("more than " + max + " assets start with " + raw
                    + "; a request deletes at most " + max + ": use a longer prefix");
        }
        return keys;
    }

    @Operation(summary = "Add an attribute {key: parent key (asset, web application, AD domain or risk), name, value}")
    @PutMapping("/attribute")
    public AttributeView.Attributes addAttribute(Caller caller, @RequestBody AttributeRequest body) {
        caller.requireWrite();
        if (RiskAttributes.isRiskParent(body.key())) {
            return RiskAttributes.add(commands, caller, body);
        }
        String parent = AssetKeys.normalisedKey(body.key());
        String key = AssetKeys.attributeKey(body.name(), body.value(), parent);
        AttributeState state = commands.sendAndWait(new AssetCommands.AddAttribute(
                AssetCommands.aggregateId(caller.tenant(), parent), caller.tenant(), parent, body.name().trim(),
                body.value().trim(), null, caller.user()));
        return AttributeView.ofAsset(caller.tenant(), key, state);
    }

    @PostMapping("/attribute")
    public AttributeView.Attributes createAttribute(Caller caller, @RequestBody AttributeRequest body) {
        return addAttribute(caller, body);
    }

    @Operation(summary = "Remove an attribute {key: attribute key}")
    @DeleteMapping("/attribute")
    public AttributeView.Attributes removeAttribute(Caller caller, @RequestBody AttributeRequest body) {
        caller.requireWrite();
        if (body.key() == null || !body.key().startsWith(AssetKeys.ATTRIBUTE_PREFIX)) {
            throw new BadRequestException("key must be an attribute key (#attribute#{name}#{value}{parent key})");
        }
        if (RiskAttributes.isRiskAttribute(body.key())) {
            return RiskAttributes.remove(commands, caller, body.key());
        }
        String parent = AssetKeys.parentOf(body.key());
        commands.sendAndWait(new AssetCommands.RemoveAttribute(AssetCommands.aggregateId(caller.tenant(), parent),
                caller.tenant(), body.key(), caller.user()));
        return AttributeView.removed(caller.tenant(), body.key());
    }


    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (!AssetStatus.isValid(status)) {
            throw new BadRequestException("unknown asset status '" + status + "'; expected one of "
                    + AssetStatus.codes());
        }
        return status;
    }

    private static List<String> surface(List<String> attackSurface) {
        if (attackSurface == null) {
            return null;
        }
        return attackSurface.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
    }
}
