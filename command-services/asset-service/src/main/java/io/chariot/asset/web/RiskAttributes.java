package io.chariot.asset.web;

import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskKeys;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.Absent;
import io.chariot.websupport.web.BadRequestException;
import org.axonframework.commandhandling.gateway.CommandGateway;


/**
 * {@code /attribute} on a risk ({@code key} a risk key on add, {@code #attribute#{name}#{value}#risk#…} on
 * delete): tabularium lets any model carry attributes, and Chariot's webhook marks the risks it reports with
 * {@code source=webhook}. The risk aggregate owns them; the answers have the shape of an asset's attribute.
 */
final class RiskAttributes {

    private RiskAttributes() {
    }

    static boolean isRiskParent(String key) {
        return key != null && key.trim().startsWith(RiskKeys.RISK_PREFIX);
    }

    static boolean isRiskAttribute(String key) {
        return RiskKeys.isRiskAttributeKey(key);
    }

    static AttributeView.Attributes add(CommandGateway commands, Caller caller, AttributeRequest body) {
        if (body.name() == null || body.name().isBlank() || body.value() == null || body.value().isBlank()) {
            throw new BadRequestException("name and value are required");
        }
        String riskKey = RiskKeys.parseRiskKey(body.key()).key();
        String key = AssetKeys.attributeKey(body.name(), body.value(), riskKey);
        AttributeState added = commands.sendAndWait(RiskCommands.AddRiskAttribute.of(caller.tenant(), riskKey,
                body.name(), body.value(), null, caller.user()));
        return AttributeView.ofRisk(caller.tenant(), key, added);
    }

    /** Removing an attribute the risk does not have (or of a risk the tenant does not have) changes nothing. */
    static AttributeView.Attributes remove(CommandGateway commands, Caller caller, String attributeKey) {
        try {
            commands.sendAndWait(RiskCommands.RemoveRiskAttribute.of(caller.tenant(), attributeKey, caller.user()));
        } catch (RuntimeException e) {
            if (!Absent.is(e)) {
                throw e;
            }
        }
        return AttributeView.removed(caller.tenant(), attributeKey);
    }
}
