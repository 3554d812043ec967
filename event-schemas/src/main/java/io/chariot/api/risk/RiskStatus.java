package io.chariot.api.risk;

import io.chariot.api.asset.InvalidKeyException;

import java.util.regex.Pattern;

/**
 * Chariot's risk status grammar (chariot-api.md §2.4): state {@code T O I R D} + severity {@code I L M H C E} +
 * a substate {@code F S O D} only after {@code D}. Triage has no exposure severity: {@code TI TL TM TH TC}.
 */
public final class RiskStatus {

    public static final String TRIAGE = "T";
    public static final String OPEN = "O";
    public static final String ACCEPTED = "I";
    public static final String REMEDIATED = "R";
    public static final String DELETED = "D";
    /** The substate {@code DELETE /risk} uses when the client names none: "other". */
    public static final String DEFAULT_DELETE_SUBSTATE = "O";

    private static final Pattern VALID = Pattern.compile("^(T[ILMHC]|[OIR][EILMHC]|D[EILMHC][FSOD])$");

    private RiskStatus() {
    }

    public static boolean isValid(String status) {
        return status != null && VALID.matcher(status).matches();
    }

    /** The status itself, or {@link InvalidKeyException} "unknown risk status 'X'". */
    public static String requireValid(String status) {
        if (!isValid(status)) {
            throw new InvalidKeyException("unknown risk status '" + status + "'");
        }
        return status;
    }

    public static String state(String status) {
        return status == null || status.isEmpty() ? "" : status.substring(0, 1);
    }

    /** The severity letter, or "" when the status has none. */
    public static String severity(String status) {
        return status == null || status.length() < 2 ? "" : status.substring(1, 2);
    }

    public static boolean isTriage(String status) {
        return TRIAGE.equals(state(status));
    }

    public static boolean isRemediated(String status) {
        return REMEDIATED.equals(state(status));
    }

    public static boolean isDeleted(String status) {
        return DELETED.equals(state(status));
    }

    /** C=0, H=10, M=20, L=30, I=40, E=50, none=60. */
    public static int priority(String status) {
        return switch (severity(status)) {
            case "C" -> 0;
            case "H" -> 10;
            case "M" -> 20;
            case "L" -> 30;
            case "I" -> 40;
            case "E" -> 50;
            default -> 60;
        };
    }
}
