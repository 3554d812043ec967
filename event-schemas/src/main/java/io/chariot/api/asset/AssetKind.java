package io.chariot.api.asset;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The asset-like models that share tabularium's BaseAsset lifecycle (status, source, attack surface, TTL,
 * attributes, soft delete) and differ only in their identity and shape (chariot-api.md §2.2, ADR 0007). The kind of
 * a record is the second segment of its key, as in tabularium's wrapper.
 * <ul>
 *     <li>{@code asset} — {@code #asset#{dns}#{name}}, lower-cased; graph labels Asset, TTL.</li>
 *     <li>{@code webapplication} — {@code #webapplication#{normalised primary URL}}; the group is the application's
 *     name, which the key does not hold; labels WebApplication, Asset, TTL.</li>
 *     <li>{@code addomain} — {@code #addomain#{domain}#{OBJECTID}}: domain lower-cased, object id upper-cased;
 *     labels ADObject, ADDomain, TTL (tabularium does not make AD objects Assets).</li>
 * </ul>
 */
public enum AssetKind {
    ASSET("asset", List.of("Asset", "TTL"), "Asset"),
    WEBAPPLICATION("webapplication", List.of("Asset", "TTL", "WebApplication"), "WebApplication"),
    ADDOMAIN("addomain", List.of("ADObject", "TTL", "ADDomain"), "ADDomain");

    private final String code;
    private final List<String> graphLabels;
    private final String queryLabel;

    AssetKind(String code, List<String> graphLabels, String queryLabel) {
        this.code = code;
        this.graphLabels = graphLabels;
        this.queryLabel = queryLabel;
    }

    /** The type name clients send ({@code "type":"webapplication"}) and the key's second segment. */
    public String code() {
        return code;
    }

    /** {@code #asset#}, {@code #webapplication#}, {@code #addomain#}. */
    public String prefix() {
        return "#" + code + "#";
    }

    /** Every graph label of a node of this kind; the first is the one the node is MERGEd (and unique) by. */
    public List<String> graphLabels() {
        return graphLabels;
    }

    public String mergeLabel() {
        return graphLabels.get(0);
    }

    /** The label clients query this kind by ({@code Asset}, {@code WebApplication}, {@code ADDomain}). */
    public String queryLabel() {
        return queryLabel;
    }

    /**
     * The fields by which clients read a record of this kind's group and identifier, besides {@code group} and
     * {@code identifier} themselves: {@code dns}/{@code name} for assets, {@code name}/{@code primary_url} for web
     * applications, {@code domain}/{@code objectid} (and {@code sid} for a SID, {@code label}) for AD domains.
     */
    public Map<String, String> wireFields(String group, String identifier) {
        Map<String, String> fields = new LinkedHashMap<>();
        switch (this) {
            case ASSET -> {
                fields.put("dns", group);
                fields.put("name", identifier);
            }
            case WEBAPPLICATION -> {
                fields.put("name", group);
                fields.put("primary_url", identifier);
            }
            case ADDOMAIN -> {
                fields.put("domain", group);
                fields.put("objectid", identifier);
                if (identifier != null && identifier.startsWith("S-")) {
                    fields.put("sid", identifier);
                }
                fields.put("label", queryLabel);
            }
        }
        fields.put("group", group);
        fields.put("identifier", identifier);
        return fields;
    }

    /** The fields that hold the group ({@link #wireFields}), which {@code AssetGroupChanged} changes. */
    public List<String> groupFields() {
        return switch (this) {
            case ASSET -> List.of("dns", "group");
            case WEBAPPLICATION -> List.of("name", "group");
            case ADDOMAIN -> List.of("domain", "group");
        };
    }

    /** The kind a client names in {@code type}; blank means {@code asset}. Empty for types this platform lacks. */
    public static Optional<AssetKind> fromType(String type) {
        if (type == null || type.isBlank()) {
            return Optional.of(ASSET);
        }
        String t = type.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.code.equals(t)).findFirst();
    }

    /** The kind of a key ({@code #webapplication#…}), matched case-insensitively; empty for other keys. */
    public static Optional<AssetKind> ofKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim();
        return Arrays.stream(values())
                .filter(kind -> k.regionMatches(true, 0, kind.prefix(), 0, kind.prefix().length()))
                .findFirst();
    }
}
