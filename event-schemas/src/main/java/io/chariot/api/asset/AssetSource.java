package io.chariot.api.asset;

import java.util.Arrays;
import java.util.Optional;

/** Where an asset came from. {@code seed} and {@code account} are permanent and win over {@code self}. */
public enum AssetSource {
    SELF("self"), SEED("seed"), ACCOUNT("account"), PROVIDED("provided");

    private final String code;

    AssetSource(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean permanent() {
        return this == SEED || this == ACCOUNT;
    }

    public static Optional<AssetSource> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
