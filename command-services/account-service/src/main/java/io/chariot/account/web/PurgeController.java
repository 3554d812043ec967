package io.chariot.account.web;

import io.chariot.api.account.AccountCommands.StartTenantPurge;
import io.chariot.api.account.AccountCommands.TenantPurgeState;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.tenancy.Role;
import io.chariot.websupport.web.ForbiddenException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code DELETE /account/purge}: an admin of the tenant asks for every asset, risk, job, integration, API key, setting
 * and file of the tenant to be removed, everywhere. The tenant purge saga does it; the answer (202) names the purge,
 * which an operator follows in {@code GET /admin/sagas?type=tenant-purge&tenant=…} (its subject is the purge id).
 * While a purge runs, asking again answers the running one.
 */
@RestController
public class PurgeController {

    /** The purge that runs: {@code status} is {@code running} (or {@code purged} once recorded). */
    public record PurgeView(String tenant, String purgeId, String status, String startedBy, Instant started) {
    }

    private final CommandGateway commands;

    public PurgeController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(summary = "Purge the caller's tenant: remove all of its data in every context and read store "
                         + "(admins of the tenant only; answers 202 with the purge id)")
    @DeleteMapping("/account/purge")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public PurgeView purge(Caller caller) {
        if (caller.role() != Role.ADMIN) {
            throw new ForbiddenException("only an admin of " + caller.tenant() + " may purge it");
        }
        TenantPurgeState state = commands.sendAndWait(StartTenantPurge.of(caller.tenant(),
                UUID.randomUUID().toString(), caller.user()));
        return new PurgeView(state.tenant(), state.purgeId(), state.status(), state.startedBy(), state.started());
    }
}
