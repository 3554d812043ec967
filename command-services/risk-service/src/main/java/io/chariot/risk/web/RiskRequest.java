package io.chariot.risk.web;

import io.chariot.api.risk.Ticket;

import java.util.List;

/**
 * The bodies praetorian-cli and chariot-ui send to {@code /risk}. Add: {@code key} is the target key (asset, port,
 * attribute or webpage) with {@code name}, {@code status} (T…), {@code comment}, {@code source}, optional
 * {@code title}, {@code tags}, {@code tickets}, {@code dns}. Update: {@code key} is the risk key with any of
 * {@code status}, {@code comment}, {@code title}, {@code tags}, {@code tickets}, {@code remove}. Delete: {@code key},
 * {@code status} (D…), {@code comment}. Other members are accepted and ignored.
 */
public record RiskRequest(String key, String name, String dns, String status, String comment, String source,
                          String title, List<String> tags, List<Ticket> tickets, Integer remove) {
}
