package io.chariot.asset.web;

import java.util.List;

/**
 * The bodies praetorian-cli and chariot-ui send to {@code /asset}: add with {@code group/identifier} (CLI) or
 * {@code dns/name} (UI); update or delete with {@code key}; {@code prefix: true} makes a delete's key a prefix (the
 * explicit bulk delete). Other members the clients send ({@code type}, {@code resourceType}, {@code secret}) are
 * accepted and ignored.
 */
public record AssetRequest(String key, String group, String identifier, String dns, String name, String status,
                           List<String> attackSurface, String comment, String type, Boolean prefix) {
}
