package io.chariot.risk.web;

import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.api.risk.RiskKeys;
import io.chariot.api.risk.RiskStatus;
import io.chariot.api.risk.Ticket;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.Absent;
import io.chariot.websupport.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The risk slice of Chariot's command API (chariot-api.md §3.4). Validates input, sends one command and answers
 * {@code {"risks":[risk]}} from the aggregate's resulting state. Nothing is written unless the request is valid;
 * an update of a risk the tenant does not have is 404; deleting one answers {@code {"risks":[]}} (200) and writes
 * nothing, as the client's clean-up expects.
 */
@RestController
public class RiskCommandController {

    private final CommandGateway commands;

    public RiskCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(summary = "Add a risk {key: target key, name, status T…, comment, source, title?, tags?, tickets?} or "
            + "update one {key: risk key, status?, comment?, title?, tags?, tickets?, remove?}. tickets "
            + "[{provider, id, link?, status?, assignee?, resolution?, account?, labels?}] replace the risk's own; "
            + "[] clears them")
    @PutMapping("/risk")
    public RiskView.Risks upsert(Caller caller, @RequestBody RiskRequest body) {
        caller.requireWrite();
        if (body == null || blank(body.key())) {
            throw new BadRequestException("key is required");
        }
        requireTicketIds(body.tickets());
        RiskState state;
        if (body.key().trim().startsWith(RiskKeys.RISK_PREFIX)) {
            String status = blank(body.status()) ? null : RiskStatus.requireValid(body.status().trim());
            state = commands.sendAndWait(RiskCommands.UpdateRisk.of(caller.tenant(), body.key(), status,
                    body.comment(), body.title(), body.tags(), body.tickets(), body.remove(), caller.user()));
        } else {
            if (blank(body.name())) {
                throw new BadRequestException("name is required to add a risk");
            }
            String status = blank(body.status()) ? null : RiskStatus.requireValid(body.status().trim());
            if (status != null && !RiskStatus.isTriage(status)) {
                throw new BadRequestException("a new risk must be in triage (TI, TL, TM, TH or TC), got '"
                        + status + "'");
            }
            state = commands.sendAndWait(RiskCommands.AddRisk.of(caller.tenant(), body.key(), body.dns(),
                    body.name(), status, body.title(), body.comment(), body.source(), body.tags(), body.tickets(),
                    caller.user()));
        }
        return RiskView.list(caller.tenant(), state);
    }

    @Operation(summary = "chariot-ui's create: POST is a synonym of PUT")
    @PostMapping("/risk")
    public RiskView.Risks create(Caller caller, @RequestBody RiskRequest body) {
        return upsert(caller, body);
    }

    @Operation(summary = "Soft-delete a risk {key, status: D…, comment?}: a status change with history. "
            + "Without a status the risk becomes D{severity}O (other). A risk the tenant does not have: "
            + "{\"risks\":[]}, nothing written.")
    @DeleteMapping("/risk")
    public RiskView.Risks delete(Caller caller, @RequestBody RiskRequest body) {
        caller.requireWrite();
        if (body == null || blank(body.key())) {
            throw new BadRequestException("key is required");
        }
        String status = null;
        if (!blank(body.status())) {
            status = RiskStatus.requireValid(body.status().trim());
            if (!RiskStatus.isDeleted(status)) {
                throw new BadRequestException("deleting a risk needs a D… status (e.g. DHF, DLO), got '" + status
                        + "'");
            }
        }
        RiskState state;
        try {
            state = commands.sendAndWait(RiskCommands.DeleteRisk.of(caller.tenant(), body.key(), status,
                    body.comment(), caller.user()));
        } catch (RuntimeException e) {
            if (!Absent.is(e)) {
                throw e;
            }
            // Deleting what is not there is done already: praetorian-cli's clean-up deletes risks it never made.
            return RiskView.none();
        }
        return RiskView.list(caller.tenant(), state);
    }


    /** Checked here too so a bad ticket is a 400 before any command (the aggregate enforces the same rule). */
    private static void requireTicketIds(List<Ticket> tickets) {
        if (tickets != null) {
            for (Ticket t : tickets) {
                if (t == null || blank(t.provider()) || blank(t.id())) {
                    throw new BadRequestException("every ticket needs a provider and an id");
                }
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
