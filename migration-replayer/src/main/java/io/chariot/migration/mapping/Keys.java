package io.chariot.migration.mapping;

import io.chariot.api.asset.AssetKeys;
import io.chariot.api.risk.RiskKeys;
import io.chariot.migration.source.LegacyRecord;

/** The platform's key of a legacy record of the graph, by the rules its aggregate applies. */
final class Keys {

    private Keys() {
    }

    static String of(LegacyRecord r) {
        String type = r.type();
        if (type == null) {
            throw new Rejected("no key");
        }
        return switch (type) {
            case "asset", "webapplication", "addomain" -> AssetKeys.normalisedKey(r.key());
            case "attribute", "port" -> AssetUnit.childKey(r, AssetUnit.parentKeyOf(r));
            case "risk" -> RiskKeys.parseRiskKey(r.key()).key();
            default -> r.key();
        };
    }
}
