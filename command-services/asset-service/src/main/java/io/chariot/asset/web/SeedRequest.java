package io.chariot.asset.web;

/**
 * {@code PUT /seed} bodies. praetorian-cli 2.4.8 adds with the wrapper {@code {type:"asset", model:{dns, …,
 * status}}} and updates or deletes with {@code {key, status[, comment]}}; older CLIs add with {@code {dns, status}}.
 */
public record SeedRequest(String type, Model model, String key, String dns, String name, String status,
                          String comment) {

    /** The wrapped seed: an asset's natural fields (dns/name or group/identifier) and its status. */
    public record Model(String dns, String name, String group, String identifier, String status, String comment) {
    }
}
