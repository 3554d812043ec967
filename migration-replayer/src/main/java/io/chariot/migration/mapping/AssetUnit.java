package io.chariot.migration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetEvents.AssetChildDiscovered;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetCommentAdded;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AssetTagsSet;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetEvents.AttributeMetadataSet;
import io.chariot.api.asset.AssetEvents.PortAdded;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.AssetKind;
import io.chariot.api.asset.AssetSource;
import io.chariot.api.asset.AssetStatus;
import io.chariot.api.input.CommandInputs;
import io.chariot.migration.source.Json;
import io.chariot.migration.source.LegacyRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An asset-like record (asset, seed, web application, AD domain) and the attributes and ports inside its aggregate.
 * Its events: {@code AssetDiscovered} at its creation time with the status before its first history entry, one
 * {@code AssetStatusChanged} per status change and {@code AssetCommentAdded} per note of its history, in order
 * (original actor, comment and time), then {@code AttributeAdded} and {@code PortAdded} per child. Keys are recomputed as the platform does (lower-cased, punycode).
 */
final class AssetUnit {

    final String aggregateId;
    final String tenant;
    final String key;
    private final AssetKind kind;
    private final String legacyType;
    private final List<EventDraft> events = new ArrayList<>();
    private final List<Expected> expected = new ArrayList<>();
    private final Map<String, LegacyRecord> children = new TreeMap<>();
    /** Assets discovered from this one (DISCOVERED edges), by key: when and by which capability. */
    private final Map<String, String[]> discovered = new TreeMap<>();
    private Map<String, JsonNode> assetFields;
    private int records = 1;

    private AssetUnit(String tenant, String key, AssetKind kind, String legacyType) {
        this.aggregateId = aggregateId(tenant, key);
        this.tenant = tenant;
        this.key = key;
        this.kind = kind;
        this.legacyType = legacyType;
    }

    static String aggregateId(String tenant, String key) {
        return AssetCommands.aggregateId(tenant, key);
    }

    static String tenantOf(LegacyRecord r, Planner.Context context) {
        String t = r.tenant();
        if (t == null || t.isBlank()) {
            throw new Rejected("no tenant (username)");
        }
        String n = t.trim().toLowerCase(Locale.ROOT);
        if (!n.equals(t)) {
            context.normalise("tenant lower-cased");
        }
        if (n.contains("#")) {
            throw new Rejected("tenant must not contain '#': " + t);
        }
        return n;
    }

    static AssetUnit of(LegacyRecord r, Planner.Context context) {
        String tenant = tenantOf(r, context);
        AssetKeys.Identity identity = AssetKeys.parseKey(r.key());
        String key = identity.key();
        if (!key.equals(r.key())) {
            context.normalise(identity.kind().name().toLowerCase(Locale.ROOT) + " key normalised ("
                    + (key.equals(r.key().toLowerCase(Locale.ROOT)) ? "lower-cased" : "punycode, trimmed or "
                    + "lower-cased") + ")");
        }
        AssetUnit unit = new AssetUnit(tenant, key, identity.kind(), r.type());
        unit.discover(r, identity, context);
        return unit;
    }

    private void discover(LegacyRecord r, AssetKeys.Identity identity, Planner.Context context) {
        List<History.Entry> history = History.of(r);
        List<History.Entry> changes = history.stream().filter(History.Entry::isChange).toList();
        String status = r.text("status");
        if (status == null || !AssetStatus.isValid(status)) {
            throw new Rejected("status '" + status + "' is not an asset status");
        }
        for (History.Entry e : changes) {
            if (!AssetStatus.isValid(e.to())) {
                throw new Rejected("history entry " + e.index() + " changes to '" + e.to() + "', not an asset status");
            }
        }
        if (!changes.isEmpty() && !changes.get(changes.size() - 1).to().equals(status)) {
            throw new Rejected("history ends in status " + changes.get(changes.size() - 1).to() + " but the record's "
                    + "status is " + status);
        }
        String initial = changes.isEmpty() ? status
                : changes.get(0).from() != null && !changes.get(0).from().isEmpty() ? changes.get(0).from()
                : changes.get(0).to();
        if (!AssetStatus.isValid(initial)) {
            throw new Rejected("history starts from '" + initial + "', not an asset status");
        }
        String source = r.text("source") == null || r.text("source").isBlank() ? "self" : r.text("source");
        if (AssetSource.fromCode(source).isEmpty()) {
            throw new Rejected("source '" + source + "' is not self, seed, account or provided");
        }
        Instant created = r.text("created") != null ? History.instant(r.text("created"), "created")
                : !changes.isEmpty() ? changes.get(0).updated() : null;
        if (created == null) {
            throw new Rejected("no created time");
        }
        String by = !changes.isEmpty() ? changes.get(0).by() : r.text("origin") != null ? r.text("origin")
                : "legacy";
        List<String> surface = strings(r.fields().get("attackSurface"), "attackSurface");
        long ttl = AssetSource.fromCode(source).get().permanent() ? 0 : number(r, "ttl");
        String dns = identity.dns() != null ? identity.dns() : r.text("dns") != null ? r.text("dns").trim()
                : identity.name();
        add("discovered", new AssetDiscovered(tenant, key, dns, identity.name(), AssetKeys.classOf(identity, source),
                AssetKeys.isPrivate(identity), initial, source, r.text("origin"), surface, ttl, r.text("comment"), by,
                created));
        List<String> tags = tags(r, context);
        if (!tags.isEmpty()) {
            add("tags", new AssetTagsSet(tenant, key, tags, by, created));
        }
        for (History.Entry e : history) {
            if (e.isChange()) {
                add("history:" + e.index() + ":" + e.to() + ":" + e.updated(), new AssetStatusChanged(tenant, key,
                        e.from() == null ? "" : e.from(), e.to(), e.comment(), e.by(), e.updated()));
            } else {
                add("history:" + e.index() + ":note:" + e.updated(), new AssetCommentAdded(tenant, key,
                        e.comment() == null ? "" : e.comment(), e.by(), e.updated()));
            }
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("status", TextNode.valueOf(status));
        fields.put("source", TextNode.valueOf(source));
        if (kind == AssetKind.ASSET) {
            fields.put("dns", TextNode.valueOf(identity.dns()));
            fields.put("name", TextNode.valueOf(identity.name()));
        }
        fields.put("attackSurface", Json.MAPPER.valueToTree(surface));
        fields.put("history", History.wire(history));
        fields.put("tags", Json.MAPPER.valueToTree(tags));
        assetFields = fields;
        expected.add(new Expected(kind == AssetKind.ASSET ? "asset" : kind.name().toLowerCase(Locale.ROOT), tenant,
                key, r.origin(), fields));
    }

    /** The record's tags; ones the platform cannot hold are quarantined as a part, the asset still imports. */
    private List<String> tags(LegacyRecord r, Planner.Context context) {
        try {
            List<String> tags = strings(r.fields().get("tags"), "tags");
            if (!tags.isEmpty()) {
                CommandInputs.check(new AssetTagsSet(tenant, key, tags, "legacy", Instant.EPOCH));
            }
            return tags;
        } catch (RuntimeException e) {
            context.partial(r, legacyType, "tags " + r.fields().get("tags") + " not imported: " + e.getMessage());
            return List.of();
        }
    }

    static boolean isAssetType(String type) {
        return "asset".equals(type) || "webapplication".equals(type) || "addomain".equals(type);
    }

    /** A DISCOVERED edge from this asset to {@code childKey} (the same edge twice is collapsed by the planner). */
    void addDiscovered(String childKey, io.chariot.migration.source.LegacyEdge edge) {
        if (childKey.equals(key)) {
            throw new Rejected("an asset cannot discover itself");
        }
        Instant at = edge.created() == null ? null : History.instant(edge.created(), "edge created");
        if (at == null) {
            throw new Rejected("the edge has no created time");
        }
        String capability = edge.capability() == null || edge.capability().isBlank() ? null : edge.capability();
        discovered.put(childKey, new String[]{at.toString(), capability});
    }

    /** The parent asset key a child record names (its key's tail; its {@code source} must agree). */
    static String parentKeyOf(LegacyRecord child) {
        String fromKey = AssetKeys.normalisedKey(AssetKeys.parentOf(child.key()));
        String source = child.text("source");
        if (source != null && !source.isBlank() && AssetKind.ofKey(source).isPresent()
                && !AssetKeys.normalisedKey(source).equals(fromKey)) {
            throw new Rejected("its key names asset " + fromKey + " but its source is " + source);
        }
        return fromKey;
    }

    /** A child's key as the platform computes it from its fields and parent. */
    static String childKey(LegacyRecord child, String parentKey) {
        if ("port".equals(child.type())) {
            return AssetKeys.portKey(required(child, "protocol"), port(child), parentKey);
        }
        return AssetKeys.attributeKey(required(child, "name"), required(child, "value"), parentKey);
    }

    boolean hasChild(String childKey) {
        return children.containsKey(childKey);
    }

    /** Adds an attribute or port; false (and quarantined by the caller's rules) when one with its key is there. */
    boolean addChild(LegacyRecord child, Planner.Context context) {
        String childKey = childKey(child, key);
        if (!childKey.equals(child.key())) {
            context.normalise(child.type() + " key normalised (its asset's key lower-cased or punycode)");
        }
        if (children.containsKey(childKey)) {
            throw new Rejected("duplicate: " + children.get(childKey).origin() + " already imports " + childKey);
        }
        Instant at = child.text("created") != null ? History.instant(child.text("created"), "created") : null;
        if (at == null) {
            throw new Rejected("no created time");
        }
        String capability = child.text("capability");
        String by = capability == null || capability.isBlank() ? "legacy" : capability;
        long ttl = number(child, "ttl");
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("source", TextNode.valueOf(key));
        List<EventDraft> drafts = new ArrayList<>();
        if ("port".equals(child.type())) {
            String protocol = required(child, "protocol").toLowerCase(Locale.ROOT);
            int port = port(child);
            String service = child.text("service") == null ? "" : child.text("service");
            drafts.add(draft(child.type() + ":" + childKey, new PortAdded(tenant, key, childKey, protocol, port,
                    service, capability, ttl, by, at)));
            fields.put("protocol", TextNode.valueOf(protocol));
            fields.put("port", IntNode.valueOf(port));
            fields.put("service", TextNode.valueOf(service));
        } else {
            String name = required(child, "name").trim();
            String value = required(child, "value").trim();
            drafts.add(draft(child.type() + ":" + childKey, new AttributeAdded(tenant, key, childKey, name, value,
                    capability, ttl, by, at)));
            fields.put("name", TextNode.valueOf(name));
            fields.put("value", TextNode.valueOf(value));
            AttributeMetadataSet metadata = metadata(child, childKey, by, at, context);
            if (metadata != null) {
                drafts.add(draft("metadata:" + childKey, metadata));
                fields.put("metadata", TextNode.valueOf(metadata.metadata()));
            }
        }
        children.put(childKey, child);
        events.addAll(drafts);
        records++;
        expected.add(new Expected(child.type(), tenant, childKey, child.origin(), fields));
        return true;
    }

    /**
     * An attribute's legacy metadata (a JSON object as text) as its event; null when it has none, or (quarantined as a
     * part, the attribute still imports) when it is not a JSON object or breaks the store limits.
     */
    private AttributeMetadataSet metadata(LegacyRecord child, String childKey, String by, Instant at,
                                          Planner.Context context) {
        JsonNode raw = child.fields().get("metadata");
        if (raw == null || raw.isNull() || raw.isTextual() && (raw.asText().isBlank() || raw.asText().equals("{}"))) {
            return null;
        }
        try {
            JsonNode parsed = raw.isTextual() ? parseOrNull(raw.asText()) : raw;
            if (parsed == null || !parsed.isObject()) {
                throw new Rejected("not a JSON object");
            }
            // the legacy text as it is: re-serialising could change how numbers are written
            String text = raw.isTextual() ? raw.asText() : raw.toString();
            AttributeMetadataSet event = new AttributeMetadataSet(tenant, key, childKey, text, by, at);
            CommandInputs.check(event);
            return parsed.isEmpty() ? null : event;
        } catch (RuntimeException e) {
            context.partial(child, "attribute", "metadata " + History.cut(raw.isTextual() ? raw.asText()
                    : raw.toString()) + " not imported: " + e.getMessage());
            return null;
        }
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    ImportUnit unit(Planner.Context context) {
        if (!discovered.isEmpty()) {
            ArrayNode keys = Json.MAPPER.createArrayNode();
            for (var d : discovered.entrySet()) {
                String capability = d.getValue()[1];
                add("child:" + d.getKey(), new AssetChildDiscovered(tenant, key, d.getKey(), capability,
                        capability == null ? "legacy" : capability, Instant.parse(d.getValue()[0])));
                keys.add(d.getKey());
            }
            assetFields.put("discovered", keys);
        }
        return new ImportUnit("Asset", aggregateId, tenant, legacyType, List.copyOf(events), List.copyOf(expected),
                records);
    }

    private void add(String what, Object payload) {
        events.add(draft(what, payload));
    }

    private EventDraft draft(String what, Object payload) {
        try {
            CommandInputs.check(payload);
        } catch (RuntimeException e) {
            throw new Rejected("breaks the platform's store limits: " + e.getMessage());
        }
        return new EventDraft(DraftIds.of(aggregateId, what), payload, key);
    }

    private static String required(LegacyRecord r, String field) {
        String v = r.text(field);
        if (v == null || v.isBlank()) {
            throw new Rejected("no " + field);
        }
        return v;
    }

    private static int port(LegacyRecord r) {
        JsonNode p = r.fields().get("port");
        if (p == null || !(p.isIntegralNumber() || p.isTextual() && p.asText().matches("\\d{1,5}"))) {
            throw new Rejected("port is not a number: " + p);
        }
        return p.asInt();
    }

    static long number(LegacyRecord r, String field) {
        JsonNode v = r.fields().get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw new Rejected(field + " is not a number: " + History.cut(v.toString()));
    }

    static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Rejected(field + " is not a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : (ArrayNode) node) {
            if (!n.isTextual()) {
                throw new Rejected(field + " holds a " + n.getNodeType().name().toLowerCase(Locale.ROOT)
                        + ", not text");
            }
            out.add(n.asText());
        }
        return out;
    }
}
