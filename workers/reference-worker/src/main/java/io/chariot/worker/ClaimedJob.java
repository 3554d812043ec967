package io.chariot.worker;

import java.util.Map;

/**
 * A job this worker claimed: its key, capability, target asset ({@code #asset#{dns}#{identifier}}) and config.
 */
public record ClaimedJob(String key, String capability, String target, Map<String, String> config) {

    /** The target asset's group (dns). */
    public String dns() {
        String rest = target.substring("#asset#".length());
        return rest.substring(0, rest.indexOf('#'));
    }

    /** The target asset's identifier (host, IP, URL…). */
    public String identifier() {
        String rest = target.substring("#asset#".length());
        return rest.substring(rest.indexOf('#') + 1);
    }

    public String config(String name, String fallback) {
        String v = config == null ? null : config.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
