package io.chariot.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The platform's own view of its read side: {@code GET /admin/projections} (what {@code ./chariot projections list}
 * shows), per projection the events it has not applied yet. The bootstrap key's tenant is a platform operator.
 */
final class ProjectionLag {

    /**
     * Per store the summed lag of its projections, and each projection that is not live (state); each projection's
     * store, and those whose lag is unknown (a stopped processor: counted as 0 in the sums).
     */
    record Sample(Map<String, Long> byStore, Map<String, Long> byProjection, Map<String, String> notLive,
                  Map<String, String> storeOf, Set<String> lagUnknown) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpDriver http;
    private final Map<String, String> auth;

    ProjectionLag(HttpDriver http, Map<String, String> auth) {
        this.http = http;
        this.auth = auth;
    }

    Sample sample() throws IOException {
        HttpDriver.Response r = http.send("GET", "/admin/projections", null, auth);
        if (!r.ok()) {
            throw new IOException("GET /admin/projections answered " + r.status() + ": " + r.body());
        }
        return parse(r.body());
    }

    static Sample parse(String body) throws IOException {
        Map<String, Long> byStore = new TreeMap<>();
        Map<String, Long> byProjection = new TreeMap<>();
        Map<String, String> notLive = new TreeMap<>();
        Map<String, String> storeOf = new TreeMap<>();
        Set<String> unknown = new TreeSet<>();
        for (JsonNode p : JSON.readTree(body).path("projections")) {
            String name = p.path("name").asText();
            String store = p.path("store").asText("?");
            long lag = p.path("lag").isNumber() ? p.path("lag").asLong() : 0;
            byProjection.put(name, lag);
            storeOf.put(name, store);
            if (!p.path("lag").isNumber()) {
                unknown.add(name);
            }
            byStore.merge(store, lag, Long::sum);
            String state = p.path("state").asText();
            if (!state.equals("live")) {
                notLive.put(name, state);
            }
        }
        return new Sample(byStore, byProjection, notLive, storeOf, unknown);
    }
}
