package io.chariot.websupport.tenancy;

import java.util.Locale;

/** Roles of an account link (chariot-api.md §2.5): an empty role means readonly. */
public enum Role {
    ADMIN, ANALYST, READONLY;

    public static Role parse(String role) {
        if (role == null || role.isBlank()) {
            return READONLY;
        }
        return Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
    }
}
