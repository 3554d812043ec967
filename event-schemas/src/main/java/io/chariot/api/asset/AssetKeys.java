package io.chariot.api.asset;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import io.chariot.api.input.Inputs;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chariot's identity rules for assets and their children (chariot-api.md §2.2–2.3): keys are always computed
 * server-side from the natural fields and the class is derived, never taken from the client. Every
 * {@link AssetKind} has its own rules: assets are lower-cased, a web application is keyed by its normalised primary
 * URL, an AD domain by its lower-cased domain and upper-cased object id.
 */
public final class AssetKeys {

    public static final String ASSET_PREFIX = "#asset#";
    public static final String ATTRIBUTE_PREFIX = "#attribute#";
    public static final String PORT_PREFIX = "#port#";

    private static final Pattern ASSET_KEY = Pattern.compile("^#asset(#[^#]+){2,}$");
    private static final Pattern CIDR = Pattern.compile("^([0-9a-fA-F:.]+)/(\\d{1,3})$");
    /** tabularium's AD object id: a SID or GUID ({@code S-1-5-21-…}), upper-cased. */
    private static final Pattern AD_OBJECT_ID = Pattern.compile("^[A-FS0-9-]+$");

    private AssetKeys() {
    }

    /**
     * The normalised (group, identifier) pair of an asset-like record and its kind. For {@code asset} they are dns
     * and name; for {@code webapplication} the application's name and its normalised primary URL; for
     * {@code addomain} the domain and the object id.
     */
    public record Identity(AssetKind kind, String dns, String name) {

        public Identity(String dns, String name) {
            this(AssetKind.ASSET, dns, name);
        }

        public String key() {
            return switch (kind) {
                case ASSET -> ASSET_PREFIX + dns + "#" + name;
                case WEBAPPLICATION -> cut(kind.prefix() + name);
                case ADDOMAIN -> kind.prefix() + dns + "#" + name;
            };
        }
    }

    /**
     * The identity of a record of any kind from the group and identifier a client sends. For a web application the
     * identifier is its URL; a client that sends them the other way round (praetorian-cli's own example, {@code
     * --group https://… --identifier 'Name'}) gets them swapped.
     *
     * @throws InvalidKeyException when a field is missing or would not make a valid key of that kind
     */
    public static Identity identity(AssetKind kind, String group, String identifier) {
        return switch (kind) {
            case ASSET -> identity(group, identifier);
            case WEBAPPLICATION -> {
                boolean swapped = !isWebUrl(identifier) && isWebUrl(group);
                String url = normaliseUrl(swapped ? group : identifier);
                String name = swapped ? identifier : group;
                yield new Identity(kind, name == null || name.isBlank() ? url : name.trim(), url);
            }
            case ADDOMAIN -> {
                String domain = normalise(group, "group (the AD domain)");
                String objectId = required(identifier, "identifier (the AD object id)").toUpperCase(Locale.ROOT);
                if (domain.contains("#")) {
                    throw new InvalidKeyException("AD domain must not contain '#': " + group);
                }
                if (!AD_OBJECT_ID.matcher(objectId).matches()) {
                    throw new InvalidKeyException("AD object id must be a SID or GUID (letters A-F and S, digits, "
                            + "'-'): " + identifier);
                }
                yield new Identity(kind, domain, objectId);
            }
        };
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

    /**
     * Parses a client-supplied key of any {@link AssetKind} and normalises it as {@link #identity(AssetKind, String,
     * String)} would, so it names the same record as one computed from the fields. A web application's key does not
     * hold its name: the result's {@code dns} is then null.
     *
     * @throws InvalidKeyException for a key of no asset kind, or one that is not a whole key of its kind
     */
    public static Identity parseKey(String key) {
        AssetKind kind = AssetKind.ofKey(key).orElseThrow(() -> new InvalidKeyException(
                "not an asset key (expected #asset#…, or #webapplication#… or #addomain#…): " + key));
        String rest = key.trim().substring(kind.prefix().length());
        return switch (kind) {
            case ASSET -> parseAssetKey(key);
            case WEBAPPLICATION -> new Identity(kind, null, normaliseUrl(rest));
            case ADDOMAIN -> {
                int hash = rest.indexOf('#');
                if (hash <= 0 || rest.indexOf('#', hash + 1) >= 0) {
                    throw new InvalidKeyException("not an AD domain key (expected #addomain#{domain}#{object id}): "
                            + key);
                }
                yield identity(kind, rest.substring(0, hash), rest.substring(hash + 1));
            }
        };
    }

    /** The normalised key of a key of any asset kind ({@link #parseKey}). */
    public static String normalisedKey(String key) {
        return parseKey(key).key();
    }

    /**
     * tabularium's URL normalisation (lib/normalize): http or https with a host; scheme and host lower-cased; a
     * scheme that contradicts the port fixed (http on 443 is https, https on 80 is http); default ports, query and
     * fragment dropped; an empty path becomes {@code /}.
     */
    public static String normaliseUrl(String url) {
        String raw = required(url, "url");
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new InvalidKeyException("not a valid URL: " + raw);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidKeyException("URL must start with http:// or https://: " + raw);
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI refuses host names Go accepts (an underscore, say): read the authority ourselves.
            String authority = uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            if (colon > 0 && authority.substring(colon + 1).matches("\\d{1,5}")) {
                port = Integer.parseInt(authority.substring(colon + 1));
                authority = authority.substring(0, colon);
            }
            host = authority;
        }
        if (host == null || host.isBlank()) {
            throw new InvalidKeyException("URL has no host: " + raw);
        }
        if (port == 443 && scheme.equals("http")) {
            scheme = "https";
        } else if (port == 80 && scheme.equals("https")) {
            scheme = "http";
        }
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
        return scheme + "://" + userInfo + host.toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port) + path;
    }

    private static boolean isWebUrl(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.startsWith("http://") || v.startsWith("https://");
    }

    /** A URL key longer than a key can be is cut, as tabularium cuts web application and webpage keys. */
    static String cut(String key) {
        return Inputs.cutToKey(key);
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

    /**
     * The parent key embedded at the end of an attribute or port key: the first key of an {@link AssetKind} that
     * starts after the child's own prefix.
     */
    public static String parentOf(String childKey) {
        if (childKey == null) {
            throw new InvalidKeyException("key is required");
        }
        Inputs.key("key", childKey);
        int at = -1;
        for (AssetKind kind : AssetKind.values()) {
            int i = childKey.indexOf(kind.prefix(), 1);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new InvalidKeyException("no parent asset key in " + childKey);
        }
        return childKey.substring(at);
    }

    /**
     * Chariot's derived class: for assets ipv4, ipv6, cidr, aws, s3, tld (a registrable domain) or domain;
     * {@code webapplication} for web applications and {@code domain} for AD domains (tabularium's label without
     * its {@code AD}).
     */
    public static String classOf(Identity identity, String source) {
        if (identity.kind() == AssetKind.WEBAPPLICATION) {
            return "webapplication";
        }
        if (identity.kind() == AssetKind.ADDOMAIN) {
            return "domain";
        }
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

    /** RFC 1918 (and other non-routable) addresses and networks; an AD domain is always private. */
    public static boolean isPrivate(Identity identity) {
        if (identity.kind() != AssetKind.ASSET) {
            return identity.kind() == AssetKind.ADDOMAIN;
        }
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

    /** Present, well-formed text (no NUL, no unpaired surrogate), trimmed; the key it makes is checked apart. */
    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidKeyException(field + " is required");
        }
        return Inputs.text(field, value.trim());
    }
}
