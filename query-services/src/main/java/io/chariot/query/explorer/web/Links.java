package io.chariot.query.explorer.web;

import io.chariot.query.explorer.view.EventView;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/** The explorer's shareable URLs, every value strictly encoded. Templates reach it as {@code links}. */
public final class Links {

    public String event(String id) {
        return UriComponentsBuilder.fromPath("/explorer/events/{id}").encode().buildAndExpand(id).toUriString();
    }

    public String chain(String id) {
        return UriComponentsBuilder.fromPath("/explorer/events/{id}/chain").encode().buildAndExpand(id)
                .toUriString();
    }

    /** The history of an event's aggregate: by its tenant and Chariot key. */
    public String aggregate(EventView e) {
        return aggregate(e.tenant(), e.key());
    }

    public String aggregate(String tenant, String key) {
        return StreamForm.url("/explorer/aggregate", params("tenant", tenant, "key", key));
    }

    public String state(String tenant, String key, long sequence) {
        return StreamForm.url("/explorer/aggregate/state", params("tenant", tenant, "key", key,
                "sequence", Long.toString(sequence)));
    }

    public String diff(String tenant, String key, long from, long to) {
        return StreamForm.url("/explorer/aggregate/diff", params("tenant", tenant, "key", key,
                "from", Long.toString(from), "to", Long.toString(to)));
    }

    public String parked(String projection) {
        return UriComponentsBuilder.fromPath("/explorer/operations/{name}/parked").encode().buildAndExpand(projection)
                .toUriString();
    }

    /** The saga instances, filtered by {@code name, value} pairs (null values left out). */
    public String sagas(String... nameValues) {
        return StreamForm.url("/explorer/operations/sagas", params(nameValues));
    }

    public String saga(String id) {
        return UriComponentsBuilder.fromPath("/explorer/operations/sagas/{id}").encode().buildAndExpand(id)
                .toUriString();
    }

    public String stream(String... nameValues) {
        return StreamForm.url("/explorer", params(nameValues));
    }

    private static Map<String, String> params(String... nameValues) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                p.put(nameValues[i], nameValues[i + 1]);
            }
        }
        return p;
    }
}
