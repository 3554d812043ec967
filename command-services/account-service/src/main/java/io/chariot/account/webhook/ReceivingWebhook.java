package io.chariot.account.webhook;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.VerifyHookPin;
import io.chariot.api.account.SecretHash;
import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetSource;
import io.chariot.api.input.CommandInputs;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;
import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskCommands.RiskState;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A tenant's webhook receives a delivery. The pin is checked first, by the tenant's hook record (hash compared in
 * constant time): an undecodable tenant, an unknown tenant, no hook or a wrong pin are all "no webhook" and write
 * nothing. A delivery upserts the asset {@code #asset#{dns}#{name}} with source {@code provided} and, with a
 * finding, opens a risk of that name (status TI) on it; both carry the attribute {@code source=webhook}, which
 * praetorian-cli reads back.
 */
@Service
public class ReceivingWebhook {

    /** What the webhook marks its assets and risks with: the attribute {@code source=webhook}. */
    static final String SOURCE = "source";
    static final String WEBHOOK = "webhook";
    private static final String BY = "hook";
    private static final String NO_WEBHOOK = "no webhook";

    private final CommandGateway commands;

    public ReceivingWebhook(CommandGateway commands) {
        this.commands = commands;
    }

    /** A delivery's payload: the asset's {@code dns} and {@code name}, and a {@code finding} (null: none). */
    public record Delivery(String dns, String name, String finding) {
    }

    /** What a delivery wrote: the asset, and the risk when it had a finding (else null). */
    public record Received(AssetState asset, RiskState risk) {
    }

    /**
     * The tenant whose webhook this is: {@code user} is its base64 name (url-safe or standard, padding optional).
     * Never says whether the tenant, the hook or the pin was wrong.
     */
    public String tenantOf(String user, String pin) {
        String tenant;
        try {
            String b64 = user.replace('+', '-').replace('/', '_');
            while (b64.endsWith("=")) {
                b64 = b64.substring(0, b64.length() - 1);
            }
            tenant = AccountCommands.normalise(new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw Rejected.notFound(NO_WEBHOOK);
        }
        if (tenant.isEmpty() || tenant.contains("#") || pin == null || pin.isEmpty()) {
            throw Rejected.notFound(NO_WEBHOOK);
        }
        String key = AccountCommands.accountKey(tenant, AccountCommands.HOOK, AccountCommands.HOOK_VALUE);
        try {
            commands.sendAndWait(new VerifyHookPin(AccountCommands.aggregateId(tenant, key), tenant,
                    SecretHash.of(pin)));
        } catch (RuntimeException e) {
            if (!Rejections.is(e, Rejection.Code.NOT_FOUND)) {
                throw e;
            }
            throw Rejected.notFound(NO_WEBHOOK);
        }
        return tenant;
    }

    /** Writes a delivery to the tenant's asset (and risk); a delivery that does not fit writes nothing. */
    public Received receive(String tenant, Delivery delivery) {
        // Build (and so validate) every command before sending the first: a bad finding writes no asset either.
        AssetCommands.UpsertAsset upsert = AssetCommands.UpsertAsset.of(tenant, delivery.dns(), delivery.name(), null,
                AssetSource.PROVIDED.code(), null, null, BY);
        RiskCommands.AddRisk addRisk = null;
        if (delivery.finding() != null && !delivery.finding().isBlank()) {
            addRisk = RiskCommands.AddRisk.of(tenant, upsert.assetId().substring(tenant.length()), null,
                    delivery.finding(), null, null, null, BY, null, BY);
        }
        // ...and hold both to the stores' limits now: the risk refused after the asset was stored would be a 400
        // that wrote something.
        CommandInputs.check(upsert);
        CommandInputs.check(addRisk);
        AssetState asset = commands.sendAndWait(upsert);
        commands.sendAndWait(AssetCommands.AddAttribute.of(tenant, asset.key(), SOURCE, WEBHOOK, null, BY));
        RiskState risk = null;
        if (addRisk != null) {
            risk = commands.sendAndWait(addRisk);
            commands.sendAndWait(RiskCommands.AddRiskAttribute.of(tenant, risk.key(), SOURCE, WEBHOOK, null, BY));
        }
        return new Received(asset, risk);
    }
}
