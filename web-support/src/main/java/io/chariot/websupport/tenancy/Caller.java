package io.chariot.websupport.tenancy;

import io.chariot.websupport.web.ForbiddenException;

import java.util.Locale;

/**
 * Who is calling and on whose data. {@code user} is the token's {@code email}; {@code tenant} is the user's own
 * tenant, or the one named by the {@code account} header when an account link grants it, with that link's role.
 */
public record Caller(String user, String tenant, Role role) {

    public boolean delegated() {
        return !user.equals(tenant);
    }

    public boolean canWrite() {
        return role != Role.READONLY;
    }

    /** Refuses (403) a caller whose role may only read the tenant's data. */
    public void requireWrite() {
        if (!canWrite()) {
            throw new ForbiddenException("role " + role.name().toLowerCase(Locale.ROOT) + " cannot write to " + tenant);
        }
    }
}
