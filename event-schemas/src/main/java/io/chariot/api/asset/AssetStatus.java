package io.chariot.api.asset;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Asset statuses (chariot-api.md §2.3): lifecycle codes plus the runtime scan intensities AL, AH, AP. */
public enum AssetStatus {
    ACTIVE("A"), PENDING("P"), FROZEN("F"), DELETED("D"), FROZEN_REJECTED("FR"),
    ACTIVE_LOW("AL"), ACTIVE_HIGH("AH"), ACTIVE_PASSIVE("AP");

    private final String code;

    AssetStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AssetStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    public static boolean isValid(String code) {
        return fromCode(code).isPresent();
    }

    /** The codes there are, for a refusal to name: {@code A, P, F, D, FR, AL, AH, AP}. */
    public static String codes() {
        return Arrays.stream(values()).map(AssetStatus::code).collect(Collectors.joining(", "));
    }
}
