package io.chariot.job.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.AssetStatus;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobResults;
import io.chariot.api.job.JobResults.AssetItem;
import io.chariot.api.job.JobResults.AttributeItem;
import io.chariot.api.job.JobResults.ChildJob;
import io.chariot.api.job.JobResults.PortItem;
import io.chariot.api.job.JobResults.RiskItem;
import io.chariot.api.risk.RiskKeys;
import io.chariot.api.risk.RiskStatus;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.job.Capabilities;
import io.chariot.job.Capabilities.Capability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a worker's result items (chariot-api.md §2.1 wrappers {@code {type, model}}, §2.5 {@code Result.items})
 * into {@link JobResults.Items}, computing and checking every key as the owning context would, so a bad item
 * rejects the whole result (400) before anything is written. The item's type is its {@code type}, or the second
 * segment of its model's {@code key}. Supported:
 * <ul>
 *     <li>{@code asset} {@code {dns, name, status?}} (or {@code key}): no status visits, a status merges;</li>
 *     <li>{@code attribute} {@code {name, value, source?|parent?}}: the parent asset key is {@code source} (as
 *     tabularium stores it), a {@code parent} wrapper, or the job's target;</li>
 *     <li>{@code port} {@code {protocol, port, service?, source?|parent?}};</li>
 *     <li>{@code risk} {@code {name, status?, dns?, title?, comment?, target?}}: the target (asset, attribute,
 *     port or webpage key, or a wrapper) defaults to the job's target; status must be a triage status;</li>
 *     <li>{@code job} {@code {target?|key?, capability|capabilities|name, config?}}: child jobs of catalogue
 *     capabilities against an asset (default: the job's target).</li>
 * </ul>
 */
final class ResultItems {

    private ResultItems() {
    }

    static JobResults.Items parse(List<JsonNode> items, String jobTarget) {
        List<AssetItem> assets = new ArrayList<>();
        List<AttributeItem> attributes = new ArrayList<>();
        List<PortItem> ports = new ArrayList<>();
        List<RiskItem> risks = new ArrayList<>();
        List<ChildJob> jobs = new ArrayList<>();
        if (items == null) {
            return JobResults.EMPTY;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                if (item == null || !item.isObject()) {
                    throw new BadRequestException("an item is an object {type, model}");
                }
                JsonNode model = item.has("model") ? item.get("model") : item;
                if (!model.isObject()) {
                    throw new BadRequestException("model must be an object");
                }
                switch (typeOf(item, model)) {
                    case "asset" -> assets.add(asset(model));
                    case "attribute" -> attributes.add(attribute(model, jobTarget));
                    case "port" -> ports.add(port(model, jobTarget));
                    case "risk" -> risks.add(risk(model, jobTarget));
                    case "job" -> jobs.addAll(jobs(model, jobTarget));
                    default -> throw new BadRequestException("unsupported type '" + typeOf(item, model)
                            + "' (expected asset, attribute, port, risk or job)");
                }
            } catch (BadRequestException | IllegalArgumentException e) {
                throw new BadRequestException("items[" + i + "]: " + e.getMessage());
            }
        }
        return new JobResults.Items(assets, attributes, ports, risks, jobs);
    }

    private static String typeOf(JsonNode item, JsonNode model) {
        String type = text(item, "type");
        if (type == null) {
            String key = text(model, "key");
            String[] parts = key == null ? new String[0] : key.split("#", -1);
            if (parts.length < 3 || !parts[0].isEmpty()) {
                throw new BadRequestException("type is required (or a model key #type#…)");
            }
            type = parts[1];
        }
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static AssetItem asset(JsonNode m) {
        String dns = text(m, "dns");
        String name = text(m, "name");
        if (dns == null && name == null && text(m, "key") != null) {
            AssetKeys.Identity parsed = AssetKeys.parseAssetKey(text(m, "key"));
            dns = parsed.dns();
            name = parsed.name();
        }
        AssetKeys.Identity identity = AssetKeys.identity(dns == null ? text(m, "group") : dns,
                name == null ? text(m, "identifier") : name);
        String status = text(m, "status");
        if (status != null && !AssetStatus.isValid(status)) {
            throw new BadRequestException("unknown asset status '" + status + "'");
        }
        return new AssetItem(identity.dns(), identity.name(), status);
    }

    private static AttributeItem attribute(JsonNode m, String jobTarget) {
        String parent = parentAsset(m, jobTarget);
        String name = required(m, "name");
        String value = required(m, "value");
        AssetKeys.attributeKey(name, value, parent); // checks name and value as the asset context will
        return new AttributeItem(parent, name.trim(), value.trim());
    }

    private static PortItem port(JsonNode m, String jobTarget) {
        String parent = parentAsset(m, jobTarget);
        String protocol = text(m, "protocol") == null ? "tcp" : text(m, "protocol");
        JsonNode portNode = m.get("port");
        if (portNode == null || !(portNode.canConvertToInt() || portNode.isTextual())) {
            throw new BadRequestException("port is required");
        }
        int port;
        try {
            port = portNode.isTextual() ? Integer.parseInt(portNode.asText().trim()) : portNode.intValue();
        } catch (NumberFormatException e) {
            throw new BadRequestException("port must be a number, got '" + portNode.asText() + "'");
        }
        AssetKeys.portKey(protocol, port, parent);
        return new PortItem(parent, protocol.trim().toLowerCase(Locale.ROOT), port, text(m, "service"));
    }

    private static RiskItem risk(JsonNode m, String jobTarget) {
        String target = RiskKeys.targetKey(keyOf(m.get("target"), jobTarget));
        String name = required(m, "name");
        String dns = text(m, "dns");
        RiskKeys.identity(dns == null ? RiskKeys.dnsOfTarget(target) : dns, name);
        String status = text(m, "status");
        if (status != null) {
            RiskStatus.requireValid(status);
            if (!RiskStatus.isTriage(status)) {
                throw new BadRequestException("a found risk is in triage (TI, TL, TM, TH or TC), got '" + status
                        + "'");
            }
        }
        return new RiskItem(target, dns, name, status, text(m, "title"), text(m, "comment"));
    }

    private static List<ChildJob> jobs(JsonNode m, String jobTarget) {
        JsonNode targetNode = m.has("target") ? m.get("target") : m.get("key");
        String target = JobKeys.parseTarget(keyOf(targetNode, jobTarget)).key();
        List<String> names = new ArrayList<>();
        if (m.path("capabilities").isArray()) {
            m.get("capabilities").forEach(c -> names.add(c.asText()));
        }
        for (String field : List.of("capability", "name")) {
            if (names.isEmpty() && text(m, field) != null) {
                names.add(text(m, field));
            }
        }
        if (names.isEmpty()) {
            throw new BadRequestException("a child job names its capability");
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (m.has("config")) {
            if (!m.get("config").isObject()) {
                throw new BadRequestException("config must be an object");
            }
            m.get("config").fields().forEachRemaining(f -> config.put(f.getKey(),
                    f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        }
        List<ChildJob> out = new ArrayList<>();
        for (String name : names) {
            Capability capability = Capabilities.find(name.trim())
                    .orElseThrow(() -> new BadRequestException("unknown capability: " + name));
            out.add(new ChildJob(target, capability.name(), config, capability.retries(),
                    capability.timeoutSeconds()));
        }
        return out;
    }

    /** The parent asset of an attribute or port: {@code source} (a key), {@code parent} (a wrapper), the job's target. */
    private static String parentAsset(JsonNode m, String jobTarget) {
        String source = text(m, "source");
        String key = source != null && source.startsWith("#") ? source : keyOf(m.get("parent"), jobTarget);
        return AssetKeys.parseAssetKey(key).key();
    }

    /** A key given as a string, or a wrapper {@code {key}} / {@code {type:"asset", model:{dns, name}}}; else the fallback. */
    private static String keyOf(JsonNode node, String fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isObject()) {
            JsonNode model = node.has("model") ? node.get("model") : node;
            if (text(model, "key") != null) {
                return text(model, "key");
            }
            if (text(model, "dns") != null && text(model, "name") != null) {
                return AssetKeys.identity(text(model, "dns"), text(model, "name")).key();
            }
        }
        throw new BadRequestException("not a key or a wrapper with a key: " + node);
    }

    private static String required(JsonNode m, String field) {
        String v = text(m, field);
        if (v == null) {
            throw new BadRequestException(field + " is required");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new BadRequestException(field + " must be a string");
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }
}
