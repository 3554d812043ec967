package io.chariot.risk.web;

import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskCommands.HistoryRecord;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.api.risk.RiskKeys;
import io.chariot.api.risk.RiskStatus;
import io.chariot.api.risk.Ticket;
import io.chariot.gateway.tenancy.Caller;
import io.chariot.gateway.web.Absent;
import io.chariot.gateway.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public Map<String, Object> upsert(Caller caller, @RequestBody RiskRequest body) {
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
        return envelope(caller.tenant(), state);
    }

    @Operation(summary = "chariot-ui's create: POST is a synonym of PUT")
    @PostMapping("/risk")
    public Map<String, Object> create(Caller caller, @RequestBody RiskRequest body) {
        return upsert(caller, body);
    }

    @Operation(summary = "Soft-delete a risk {key, status: D…, comment?}: a status change with history. "
            + "Without a status the risk becomes D{severity}O (other). A risk the tenant does not have: "
            + "{\"risks\":[]}, nothing written.")
    @DeleteMapping("/risk")
    public Map<String, Object> delete(Caller caller, @RequestBody RiskRequest body) {
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
            return Map.of("risks", List.of());
        }
        return envelope(caller.tenant(), state);
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

    static Map<String, Object> envelope(String tenant, RiskState s) {
        return Map.of("risks", List.of(json(tenant, s)));
    }

    /** A risk as Chariot's clients read it (tabularium risk.go, flattened history and tags). */
    static Map<String, Object> json(String tenant, RiskState s) {
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("username", tenant);
        risk.put("key", s.key());
        risk.put("dns", s.dns());
        risk.put("name", s.name());
        risk.put("title", s.title());
        risk.put("source", s.source());
        risk.put("status", s.status());
        risk.put("priority", s.priority());
        risk.put("created", s.created() == null ? null : s.created().toString());
        risk.put("updated", s.updated() == null ? null : s.updated().toString());
        risk.put("visited", s.visited() == null ? null : s.visited().toString());
        risk.put("ttl", s.ttl());
        risk.put("comment", s.comment() == null ? "" : s.comment());
        risk.put("history", s.history().stream().map(RiskCommandController::record).toList());
        risk.put("tags", s.tags());
        risk.put("tickets", s.tickets().stream().map(Ticket::toWire).toList());
        return risk;
    }

    /**
     * A history record as tabularium writes it: {@code from}, {@code to} and {@code comment} are omitted when empty
     * (praetorian-cli counts any record with a {@code comment} member as a note).
     */
    private static Map<String, Object> record(HistoryRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!blank(r.from())) {
            m.put("from", r.from());
        }
        if (!blank(r.to())) {
            m.put("to", r.to());
        }
        m.put("by", r.by());
        if (!blank(r.comment())) {
            m.put("comment", r.comment());
        }
        m.put("updated", r.updated().toString());
        return m;
    }
}
