package io.chariot.api.risk;

import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.AssetKind;
import io.chariot.api.asset.InvalidKeyException;
import io.chariot.api.input.Inputs;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Risk identity (chariot-api.md §2.2, §2.4): {@code #risk#{dns}#{name}}. CVE-like names are upper-cased, other
 * names lower-cased with spaces replaced by {@code -}; {@code dns} defaults to the target's group.
 */
public final class RiskKeys {

    public static final String RISK_PREFIX = "#risk#";
    public static final String WEBPAGE_PREFIX = "#webpage#";

    private static final Pattern RISK_KEY = Pattern.compile("^#risk#([^#]+)#([^#]+)$");
    private static final Pattern CVE = Pattern.compile("^CVE-\\d{4}-\\d+$", Pattern.CASE_INSENSITIVE);

    private RiskKeys() {
    }

    public record Identity(String dns, String name) {
        public String key() {
            return RISK_PREFIX + dns + "#" + name;
        }
    }

    public static String normaliseName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidKeyException("name is required");
        }
        String n = Inputs.key("name", name.trim());
        return CVE.matcher(n).matches() ? n.toUpperCase(Locale.ROOT)
                : n.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** The identity of a risk named {@code name} on {@code dns}; both checked against the risk key format. */
    public static Identity identity(String dns, String name) {
        if (dns == null || dns.isBlank()) {
            throw new InvalidKeyException("dns is required");
        }
        Identity identity = new Identity(Inputs.key("dns", dns.trim()).toLowerCase(Locale.ROOT), normaliseName(name));
        if (!RISK_KEY.matcher(identity.key()).matches()) {
            throw new InvalidKeyException("not a valid risk key: " + identity.key());
        }
        Inputs.key("dns and name", identity.key());
        return identity;
    }

    public static boolean isRiskKey(String key) {
        return key != null && RISK_KEY.matcher(key).matches();
    }

    /** Parses a client-supplied risk key and normalises it like {@link #identity}. */
    public static Identity parseRiskKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidKeyException("key is required");
        }
        Matcher m = RISK_KEY.matcher(Inputs.key("key", key.trim()));
        if (!m.matches()) {
            throw new InvalidKeyException("not a risk key (expected #risk#{dns}#{name}): " + key);
        }
        return identity(m.group(1), m.group(2));
    }

    /**
     * Checks a target key (asset, attribute, port or webpage) and returns it normalised: asset keys (also the
     * parent inside attribute and port keys) lower-cased like {@link AssetKeys#parseAssetKey}.
     */
    public static String targetKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidKeyException("key is required");
        }
        String k = Inputs.key("key", key.trim());
        if (k.startsWith(AssetKeys.ASSET_PREFIX)) {
            return AssetKeys.parseAssetKey(k).key();
        }
        if (k.startsWith(AssetKeys.ATTRIBUTE_PREFIX) || k.startsWith(AssetKeys.PORT_PREFIX)) {
            String parent = AssetKeys.parentOf(k);
            String own = k.substring(0, k.length() - parent.length());
            if (own.split("#", -1).length < 4) {
                throw new InvalidKeyException("not an attribute or port key: " + key);
            }
            return own + AssetKeys.parseAssetKey(parent).key();
        }
        if (k.startsWith(WEBPAGE_PREFIX) && k.length() > WEBPAGE_PREFIX.length()) {
            return k;
        }
        throw new InvalidKeyException("not a risk target key (expected #asset#…, #attribute#…, #port#… or "
                + "#webpage#…): " + key);
    }

    /** The group a target belongs to: the asset's dns, the parent asset's for attributes and ports, a page's host. */
    public static String dnsOfTarget(String targetKey) {
        String k = targetKey(targetKey);
        if (k.startsWith(AssetKeys.ASSET_PREFIX)) {
            return AssetKeys.parseAssetKey(k).dns();
        }
        if (k.startsWith(WEBPAGE_PREFIX)) {
            try {
                String host = URI.create(k.substring(WEBPAGE_PREFIX.length())).getHost();
                if (host != null && !host.isBlank()) {
                    return host.toLowerCase(Locale.ROOT);
                }
            } catch (IllegalArgumentException e) {
                // fall through
            }
            throw new InvalidKeyException("cannot tell the group of webpage " + targetKey + "; give dns");
        }
        return AssetKeys.parseAssetKey(AssetKeys.parentOf(k)).dns();
    }

    /**
     * Whether {@code attributeKey} is an attribute of a risk: {@code #attribute#{name}#{value}} followed by a risk
     * key (risk keys hold no further '#', so the last {@code #risk#} starts it).
     */
    public static boolean isRiskAttributeKey(String attributeKey) {
        if (attributeKey == null || !attributeKey.startsWith(AssetKeys.ATTRIBUTE_PREFIX)) {
            return false;
        }
        int at = attributeKey.lastIndexOf(RISK_PREFIX);
        return at > AssetKeys.ATTRIBUTE_PREFIX.length() && isRiskKey(attributeKey.substring(at));
    }

    /** The risk key at the end of a risk's attribute key. */
    public static String riskParentOf(String attributeKey) {
        if (!isRiskAttributeKey(attributeKey)) {
            throw new InvalidKeyException("not an attribute of a risk (#attribute#{name}#{value}#risk#{dns}#{name}): "
                    + attributeKey);
        }
        return attributeKey.substring(attributeKey.lastIndexOf(RISK_PREFIX));
    }

    /**
     * The graph label a target's node is MERGEd by: Attribute, Port, Webpage, or its asset kind's (Asset for assets
     * and web applications, ADObject for AD domains).
     */
    public static String targetLabel(String targetKey) {
        var kind = AssetKind.ofKey(targetKey);
        if (kind.isPresent()) {
            return kind.get().mergeLabel();
        }
        if (targetKey.startsWith(AssetKeys.ATTRIBUTE_PREFIX)) {
            return "Attribute";
        }
        if (targetKey.startsWith(AssetKeys.PORT_PREFIX)) {
            return "Port";
        }
        if (targetKey.startsWith(WEBPAGE_PREFIX)) {
            return "Webpage";
        }
        throw new InvalidKeyException("not a risk target key: " + targetKey);
    }
}
