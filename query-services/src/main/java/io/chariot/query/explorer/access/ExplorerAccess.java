package io.chariot.query.explorer.access;

import io.chariot.websupport.security.Operators;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.ForbiddenException;
import io.chariot.websupport.web.NotFoundException;
import io.chariot.query.explorer.store.StoredEvent;

import java.util.Locale;

/**
 * Whose events a caller may see: platform operators ({@code chariot.operators}, acting as themselves) every
 * tenant's; everyone else the tenant they act on — their own, or one an account link grants them — and nothing
 * else.
 */
public class ExplorerAccess {

    private final Operators operators;

    public ExplorerAccess(Operators operators) {
        this.operators = operators;
    }

    public boolean isOperator(Caller caller) {
        return !caller.delegated() && operators.contains(caller.user());
    }

    /**
     * The tenant to filter on: an operator's choice (null: all tenants), else the caller's tenant — naming another
     * is refused (403), so a shared URL never silently shows something else than it names.
     */
    public String tenant(Caller caller, String requested) {
        String wanted = requested == null || requested.isBlank() ? null : requested.trim().toLowerCase(Locale.ROOT);
        if (isOperator(caller)) {
            return wanted;
        }
        if (wanted != null && !wanted.equals(caller.tenant())) {
            throw new ForbiddenException("only platform operators see other tenants' events");
        }
        return caller.tenant();
    }

    /** The event, if the caller may see it; otherwise "not found", as if it did not exist. */
    public StoredEvent visible(Caller caller, StoredEvent event) {
        if (!isOperator(caller) && !caller.tenant().equals(event.tenant())) {
            throw new NotFoundException("no such event");
        }
        return event;
    }
}
