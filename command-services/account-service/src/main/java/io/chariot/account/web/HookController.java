package io.chariot.account.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.account.token.SecretHash;
import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.VerifyHookPin;
import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetSource;
import io.chariot.api.input.CommandInputs;
import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.gateway.web.Absent;
import io.chariot.gateway.web.BadRequestException;
import io.chariot.gateway.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook ingest {@code PUT} (or {@code POST}) {@code /hook/{base64(tenant) without padding}/{pin}} (no bearer
 * token: the pin is the credential; the tenant may be base64url or standard base64). The pin is checked first, by the tenant's hook record
 * (hash compared in constant time): an undecodable tenant, an unknown tenant, no hook or a wrong pin are all 404 and
 * write nothing. Then the body {@code {dns, name, source?, finding?}} is validated (400 when bad, nothing written):
 * it upserts the asset {@code #asset#{dns}#{name}} with source {@code provided} (what {@code PUT /asset} uses for
 * data a tenant pushes), and when {@code finding} is a non-blank string, opens a risk of that name (status TI) on the
 * asset. Both carry the attribute {@code source=webhook} (praetorian-cli reads it back with
 * {@code assets.attributes}/{@code risks.attributes}). The payload's own {@code source} (the sending tool) is only
 * checked to be a string. Answer:
 * {@code {"assets":[…]}} (+ {@code "risks":[…]} with a finding).
 */
@RestController
public class HookController {

    /** What the webhook marks its assets and risks with: the attribute {@code source=webhook}. */
    static final String SOURCE = "source";
    static final String WEBHOOK = "webhook";

    private final CommandGateway commands;
    private final ObjectMapper json;

    public HookController(CommandGateway commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @Operation(summary = "Webhook ingest of {dns, name, source?, finding?} for the tenant named in the URL; the pin "
                         + "is the credential. PUT (what praetorian-cli's tests send) and POST are the same.")
    @RequestMapping(path = "/hook/{user}/{pin}", method = {RequestMethod.PUT, RequestMethod.POST})
    public Map<String, Object> ingest(@PathVariable String user, @PathVariable String pin,
                                      @RequestBody(required = false) byte[] body) {
        String tenant = verify(user, pin);
        JsonNode payload = parse(body);
        String dns = text(payload, "dns", true);
        String name = text(payload, "name", true);
        text(payload, "source", false);
        String finding = text(payload, "finding", false);
        String by = "hook";
        // Build (and so validate) every command before sending the first: a bad finding writes no asset either.
        AssetCommands.UpsertAsset upsert = AssetCommands.UpsertAsset.of(tenant, dns, name, null,
                AssetSource.PROVIDED.code(), null, null, by);
        RiskCommands.AddRisk risk = null;
        if (finding != null && !finding.isBlank()) {
            risk = RiskCommands.AddRisk.of(tenant, upsert.assetId().substring(tenant.length()), null, finding,
                    null, null, null, by, null, by);
        }
        // ...and hold both to the stores' limits now: the risk refused after the asset was stored would be a 400
        // that wrote something.
        CommandInputs.check(upsert);
        CommandInputs.check(risk);
        AssetState asset = commands.sendAndWait(upsert);
        commands.sendAndWait(AssetCommands.AddAttribute.of(tenant, asset.key(), SOURCE, WEBHOOK, null, by));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("assets", List.of(asset(tenant, asset)));
        if (risk != null) {
            RiskState r = commands.sendAndWait(risk);
            commands.sendAndWait(RiskCommands.AddRiskAttribute.of(tenant, r.key(), SOURCE, WEBHOOK, null, by));
            Map<String, Object> rj = new LinkedHashMap<>();
            rj.put("username", tenant);
            rj.put("key", r.key());
            rj.put("dns", r.dns());
            rj.put("name", r.name());
            rj.put("status", r.status());
            answer.put("risks", List.of(rj));
        }
        return answer;
    }

    private String verify(String user, String pin) {
        String tenant;
        try {
            String b64 = user.replace('+', '-').replace('/', '_');
            while (b64.endsWith("=")) {
                b64 = b64.substring(0, b64.length() - 1);
            }
            tenant = AccountCommands.normalise(new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no webhook");
        }
        if (tenant.isEmpty() || tenant.contains("#") || pin == null || pin.isEmpty()) {
            throw new NotFoundException("no webhook");
        }
        String key = AccountCommands.accountKey(tenant, AccountCommands.HOOK, AccountCommands.HOOK_VALUE);
        try {
            commands.sendAndWait(new VerifyHookPin(AccountCommands.aggregateId(tenant, key), tenant,
                    SecretHash.of(pin)));
        } catch (RuntimeException e) {
            if (!Absent.is(e)) {
                throw e;
            }
            throw new NotFoundException("no webhook"); // never say whether the tenant, the hook or the pin was wrong
        }
        return tenant;
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("a JSON body {dns, name, source?, finding?} is required");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception e) {
            throw new BadRequestException("the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("the body must be a JSON object {dns, name, source?, finding?}");
        }
        return node;
    }

    private static String text(JsonNode payload, String field, boolean required) {
        JsonNode v = payload.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadRequestException(field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.textValue().isBlank())) {
            throw new BadRequestException(field + " must be a non-blank string");
        }
        return v.textValue();
    }

    private static Map<String, Object> asset(String tenant, AssetState s) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("username", tenant);
        a.put("key", s.key());
        a.put("dns", s.dns());
        a.put("name", s.name());
        a.put("status", s.status());
        a.put("source", s.source());
        a.put("class", s.assetClass());
        a.put("attackSurface", s.attackSurface() == null ? new ArrayList<>() : s.attackSurface());
        a.put("created", s.created() == null ? null : s.created().toString());
        a.put("visited", s.visited() == null ? null : s.visited().toString());
        a.put("ttl", s.ttl());
        return a;
    }
}
