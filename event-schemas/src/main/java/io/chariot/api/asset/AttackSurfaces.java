package io.chariot.api.asset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attack surfaces are free-form labels; the common ones drive tabularium's derived booleans ({@code isExternal},
 * {@code isInternal}, {@code isCloud}, {@code isApplication}, {@code isRepository}), matched case-insensitively.
 */
public final class AttackSurfaces {

    private static final Map<String, String> FLAGS = Map.of(
            "external", "isExternal", "internal", "isInternal", "cloud", "isCloud",
            "application", "isApplication", "repository", "isRepository");

    private AttackSurfaces() {
    }

    /** Every flag, true when the surfaces hold its label, in a fixed order. */
    public static Map<String, Boolean> flags(List<String> surfaces) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String flag : List.of("isExternal", "isInternal", "isCloud", "isApplication", "isRepository")) {
            out.put(flag, false);
        }
        if (surfaces != null) {
            for (String s : surfaces) {
                String flag = s == null ? null : FLAGS.get(s.trim().toLowerCase(Locale.ROOT));
                if (flag != null) {
                    out.put(flag, true);
                }
            }
        }
        return out;
    }
}
