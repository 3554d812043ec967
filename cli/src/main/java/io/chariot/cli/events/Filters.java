package io.chariot.cli.events;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** The explorer's filters, as options shared by {@code tail} and {@code export}; the API checks their values. */
final class Filters {

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's events (operators; "
            + "others always see only the tenant they act on).")
    String tenant;

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "Risk, Asset, Job, …")
    String aggregateType;

    @Option(names = "--key", paramLabel = "KEY", description = "One record's events, by its Chariot key "
            + "(#risk#example.com#cve-2024-1).")
    String key;

    @Option(names = "--aggregate-id", paramLabel = "ID", description = "One aggregate's events, by its id.")
    String aggregateId;

    @Option(names = "--type", paramLabel = "EVENT", description = "Event type, e.g. RiskStatusChanged.")
    String type;

    @Option(names = "--since", paramLabel = "TIME", description = "From this time on (ISO-8601, or a date; UTC).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this time (exclusive).")
    String until;

    @Option(names = "--by", paramLabel = "USER", description = "Events caused by this user.")
    String by;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Everything one request caused (its "
            + "X-Request-Id).")
    String correlationId;

    @Option(names = "--causation-id", paramLabel = "ID", description = "The events of one command.")
    String causationId;

    Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("tenant", tenant);
        q.put("aggregateType", aggregateType);
        q.put("key", key);
        q.put("aggregateId", aggregateId);
        q.put("type", type);
        q.put("since", since);
        q.put("until", until);
        q.put("by", by);
        q.put("correlationId", correlationId);
        q.put("causationId", causationId);
        return q;
    }
}
