package io.chariot.api.asset;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import io.chariot.api.input.Inputs;

import java.net.IDN;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chariot's identity rules for assets and their children (chariot-api.md §2.2–2.3): keys are always computed
 * server-side from the natural fields, lower-cased, and the class is derived, never taken from the client.
 */
public final class AssetKeys {

    public static final String ASSET_PREFIX = "#asset#";
    public static final String ATTRIBUTE_PREFIX = "#attribute#";
    public static final String PORT_PREFIX = "#port#";

    private static final Pattern ASSET_KEY = Pattern.compile("^#asset(#[^#]+){2,}$");
    private static final Pattern CIDR = Pattern.compile("^([0-9a-fA-F:.]+)/(\\d{1,3})$");

    private AssetKeys() {
    }

    /** The normalised (group, identifier) pair of an asset. */
    public record Identity(String dns, String name) {
        public String key() {
            return ASSET_PREFIX + dns + "#" + name;
        }
    }

    /**
     * Normalises a group and identifier (punycode, trimmed, lower-cased) and checks them.
     *
     * @throws InvalidKeyException when either is missing or would not make a valid asset key
     */
    public static Identity identity(String group, String identifier) {
        String dns = normalise(group, "group");
        String name = normalise(identifier, "identifier");
        if (dns.contains("#")) {
            throw new InvalidKeyException("group must not contain '#': " + group);
        }
        Identity identity = new Identity(dns, name);
        if (!ASSET_KEY.matcher(identity.key()).matches()) {
            throw new InvalidKeyException("not a valid asset key: " + identity.key());
        }
        Inputs.key("group and identifier", identity.key());
        return identity;
    }

    /**
     * Parses and validates a client-supplied asset key and normalises it like {@link #identity} (punycode,
     * lower-cased), so a key given by a client always names the same asset as one computed from its fields.
     */
    public static Identity parseAssetKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidKeyException("key is required");
        }
        String trimmed = Inputs.key("key", key.trim());
        if (!trimmed.regionMatches(true, 0, ASSET_PREFIX, 0, ASSET_PREFIX.length())
                || !ASSET_KEY.matcher(ASSET_PREFIX + trimmed.substring(ASSET_PREFIX.length())).matches()) {
            throw new InvalidKeyException("not an asset key (expected #asset#{group}#{identifier}): " + key);
        }
        String rest = trimmed.substring(ASSET_PREFIX.length());
        int hash = rest.indexOf('#');
        return identity(rest.substring(0, hash), rest.substring(hash + 1));
    }

    public static boolean isAssetKey(String key) {
        return key != null && ASSET_KEY.matcher(key).matches();
    }

    /** {@code #attribute#{name}#{value}{parentKey}} — the parent key keeps its leading '#'. */
    public static String attributeKey(String name, String value, String parentKey) {
        String n = required(name, "name");
        String v = required(value, "value");
        if (n.contains("#")) {
            throw new InvalidKeyException("attribute name must not contain '#': " + name);
        }
        return Inputs.key("name and value", ATTRIBUTE_PREFIX + n + "#" + v + parentKey(parentKey));
    }

    /** {@code #port#{protocol}#{port}{parentAssetKey}}. */
    public static String portKey(String protocol, int port, String parentKey) {
        String p = required(protocol, "protocol").toLowerCase(Locale.ROOT);
        if (!p.equals("tcp") && !p.equals("udp")) {
            throw new InvalidKeyException("protocol must be tcp or udp: " + protocol);
        }
        if (port < 1 || port > 65535) {
            throw new InvalidKeyException("port must be between 1 and 65535: " + port);
        }
        return PORT_PREFIX + p + "#" + port + parentKey(parentKey);
    }

    private static String parentKey(String parentKey) {
        if (parentKey == null || !parentKey.startsWith("#") || parentKey.length() < 2) {
            throw new InvalidKeyException("parent key must be a Chariot key starting with '#': " + parentKey);
        }
        return parentKey;
    }

    /** The parent asset key embedded at the end of an attribute or port key. */
    public static String parentOf(String childKey) {
        if (childKey == null) {
            throw new InvalidKeyException("key is required");
        }
        Inputs.key("key", childKey);
        int at = childKey.indexOf(ASSET_PREFIX, 1);
        if (at < 0) {
            throw new InvalidKeyException("no parent asset key in " + childKey);
        }
        return childKey.substring(at);
    }

    /** Chariot's derived class: ipv4, ipv6, cidr, aws, s3, tld (a registrable domain) or domain. */
    public static String classOf(Identity identity, String source) {
        if (AssetSource.ACCOUNT.code().equals(source)) {
            return identity.dns();
        }
        String name = identity.name();
        if (InetAddresses.isInetAddress(name)) {
            return InetAddresses.forString(name) instanceof java.net.Inet4Address ? "ipv4" : "ipv6";
        }
        if (isCidr(name)) {
            return "cidr";
        }
        if (name.startsWith("arn:aws")) {
            return "aws";
        }
        if (name.startsWith("s3://") || name.endsWith(".s3.amazonaws.com")) {
            return "s3";
        }
        if (InternetDomainName.isValid(name)) {
            InternetDomainName domain = InternetDomainName.from(name);
            if (domain.isTopPrivateDomain() || domain.isPublicSuffix()) {
                return "tld";
            }
        }
        return "domain";
    }

    /** RFC 1918 (and other non-routable) addresses and networks. */
    public static boolean isPrivate(Identity identity) {
        String name = identity.name();
        String address = isCidr(name) ? name.substring(0, name.indexOf('/')) : name;
        if (!InetAddresses.isInetAddress(address)) {
            return false;
        }
        InetAddress ip = InetAddresses.forString(address);
        return ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress()
                || (ip.getAddress().length == 16 && (ip.getAddress()[0] & 0xfe) == 0xfc);
    }

    private static boolean isCidr(String name) {
        var m = CIDR.matcher(name);
        if (!m.matches() || !InetAddresses.isInetAddress(m.group(1))) {
            return false;
        }
        int bits = Integer.parseInt(m.group(2));
        return bits <= (InetAddresses.forString(m.group(1)) instanceof java.net.Inet4Address ? 32 : 128);
    }

    private static String normalise(String value, String field) {
        String v = required(value, field);
        try {
            v = IDN.toASCII(v, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // Not a host name (a CIDR, an ARN…): keep it as given.
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /** Present, well-formed text (no NUL, no unpaired surrogate), trimmed. */
    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidKeyException(field + " is required");
        }
        return Inputs.key(field, value.trim());
    }
}
