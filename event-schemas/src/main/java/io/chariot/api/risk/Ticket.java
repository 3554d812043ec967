package io.chariot.api.risk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ITSM ticket tracking a risk (chariot-api.md §2.4, tabularium ticket.go): {@code provider} (jira, azuredevops,
 * …) and {@code id} identify it; the other members are optional and null when unknown. In events every string is
 * trimmed, blank optional members are null and {@code labels} is never null.
 */
public record Ticket(String provider, String id, String link, String status, String assignee, String resolution,
                     String account, List<String> labels) {

    /**
     * The ticket as Chariot's clients read it, the one shape every read model and response uses: provider and id,
     * the other members only when set (tabularium's {@code omitempty}).
     */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", provider);
        m.put("id", id);
        putIfSet(m, "link", link);
        putIfSet(m, "status", status);
        putIfSet(m, "assignee", assignee);
        putIfSet(m, "resolution", resolution);
        putIfSet(m, "account", account);
        if (labels != null && !labels.isEmpty()) {
            m.put("labels", List.copyOf(labels));
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String name, String value) {
        if (value != null) {
            m.put(name, value);
        }
    }
}
