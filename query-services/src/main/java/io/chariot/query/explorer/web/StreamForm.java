package io.chariot.query.explorer.web;

import org.springframework.web.util.UriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stream page's filter as the user wrote it: it refills the form and makes the shareable links (the next page,
 * the exports, "same correlation"), which carry exactly these parameters.
 */
public record StreamForm(String tenant, String aggregateType, String key, String aggregateId, String type,
                         String since, String until, String by, String correlationId, String causationId,
                         Integer limit) {

    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "tenant", tenant);
        put(p, "aggregateType", aggregateType);
        put(p, "key", key);
        put(p, "aggregateId", aggregateId);
        put(p, "type", type);
        put(p, "since", since);
        put(p, "until", until);
        put(p, "by", by);
        put(p, "correlationId", correlationId);
        put(p, "causationId", causationId);
        if (limit != null) {
            p.put("limit", limit.toString());
        }
        return p;
    }

    public boolean filtered() {
        Map<String, String> p = parameters();
        p.remove("limit");
        return !p.isEmpty();
    }

    /** {@code path} with this filter and the extra parameters (name, value, …; a null value drops one). */
    public String url(String path, String... extra) {
        Map<String, String> p = parameters();
        for (int i = 0; i + 1 < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                p.remove(extra[i]);
            } else {
                p.put(extra[i], extra[i + 1]);
            }
        }
        return url(path, p);
    }

    /** A path with query parameters, every value strictly encoded ({@code +}, {@code #}, {@code &} included). */
    public static String url(String path, Map<String, String> parameters) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String variable = "v" + i++;
            url.queryParam(p.getKey(), "{" + variable + "}");
            values.put(variable, p.getValue());
        }
        return url.encode().buildAndExpand(values).toUriString();
    }

    private static void put(Map<String, String> p, String name, String value) {
        if (value != null && !value.isBlank()) {
            p.put(name, value.trim());
        }
    }
}
