package io.chariot.risk.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chariot.api.risk.RiskCommands.HistoryRecord;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.api.risk.Ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A risk as Chariot's clients read it (tabularium risk.go, flattened history and tags). */
@JsonPropertyOrder({"username", "key", "dns", "name", "title", "source", "status", "priority", "created", "updated",
        "visited", "ttl", "comment", "history", "tags", "tickets"})
public record RiskView(String username, String key, String dns, String name, String title, String source,
                       String status, int priority, String created, String updated, String visited, long ttl,
                       String comment, List<Change> history, List<String> tags, List<Map<String, Object>> tickets) {

    /** The answer of every risk command: {@code {"risks":[…]}}. */
    public record Risks(List<RiskView> risks) {
    }

    /** One entry of the risk's history; blank members are left out. */
    @JsonPropertyOrder({"from", "to", "by", "comment", "updated"})
    public record Change(String from, String to, String by, String comment, String updated) {

        static Change of(HistoryRecord r) {
            return new Change(setOrNull(r.from()), setOrNull(r.to()), r.by(), setOrNull(r.comment()),
                    r.updated().toString());
        }
    }

    static RiskView of(String tenant, RiskState s) {
        return new RiskView(tenant, s.key(), s.dns(), s.name(), s.title(), s.source(), s.status(), s.priority(),
                time(s.created()), time(s.updated()), time(s.visited()), s.ttl(), s.comment() == null ? "" : s.comment(),
                s.history().stream().map(Change::of).toList(), s.tags(), s.tickets().stream().map(Ticket::toWire).toList());
    }

    static Risks list(String tenant, RiskState s) {
        return new Risks(List.of(of(tenant, s)));
    }

    static Risks none() {
        return new Risks(List.of());
    }

    private static String setOrNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
