package io.chariot.api.job;

import io.chariot.api.asset.AssetKeys;
import io.chariot.api.asset.InvalidKeyException;
import io.chariot.api.input.Inputs;

import java.util.regex.Pattern;

/**
 * Job keys (chariot-api.md §2.2): {@code #job#{dns}#{identifier}#{capability}}, where dns and identifier come from
 * the target asset key {@code #asset#{dns}#{identifier}}. chariot-ui may name an asset by {@code #asset#{dns}}
 * alone; its identifier is then the dns.
 */
public final class JobKeys {

    public static final String JOB_PREFIX = "#job#";

    private static final Pattern JOB_KEY = Pattern.compile("^#job#[^#]+#.+#[^#]+$");
    private static final Pattern CAPABILITY = Pattern.compile("^[a-z0-9][a-z0-9._-]*$");

    private JobKeys() {
    }

    /** A job's target: the normalised asset key and its dns and identifier. */
    public record Target(String key, String dns, String identifier) {
    }

    /** @throws InvalidKeyException unless {@code key} is an asset key ({@code #asset#dns#identifier} or {@code #asset#dns}) */
    public static Target parseTarget(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidKeyException("key is required");
        }
        String trimmed = Inputs.key("key", key.trim());
        if (trimmed.regionMatches(true, 0, AssetKeys.ASSET_PREFIX, 0, AssetKeys.ASSET_PREFIX.length())
                && trimmed.indexOf('#', AssetKeys.ASSET_PREFIX.length()) < 0
                && trimmed.length() > AssetKeys.ASSET_PREFIX.length()) {
            trimmed = trimmed + "#" + trimmed.substring(AssetKeys.ASSET_PREFIX.length());
        }
        AssetKeys.Identity identity = AssetKeys.parseAssetKey(trimmed);
        return new Target(identity.key(), identity.dns(), identity.name());
    }

    public static String jobKey(Target target, String capability) {
        return Inputs.key("key", JOB_PREFIX + target.dns() + "#" + target.identifier() + "#"
                + requireCapabilityName(capability));
    }

    public static String requireCapabilityName(String capability) {
        if (capability == null || !CAPABILITY.matcher(capability).matches()) {
            throw new InvalidKeyException("not a capability name: " + capability);
        }
        return capability;
    }

    /** @throws InvalidKeyException unless {@code key} is a job key */
    public static String requireJobKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidKeyException("key is required");
        }
        String trimmed = Inputs.key("key", key.trim());
        if (!JOB_KEY.matcher(trimmed).matches()) {
            throw new InvalidKeyException("not a job key (expected #job#{dns}#{identifier}#{capability}): " + key);
        }
        return trimmed;
    }

    /** The capability of a job key: its last segment. */
    public static String capabilityOf(String jobKey) {
        return jobKey.substring(jobKey.lastIndexOf('#') + 1);
    }

    /** The target asset key of a job key: {@code #job#{dns}#{identifier}#{capability}} → {@code #asset#{dns}#{identifier}}. */
    public static String targetOf(String jobKey) {
        String key = requireJobKey(jobKey);
        return AssetKeys.ASSET_PREFIX + key.substring(JOB_PREFIX.length(), key.lastIndexOf('#'));
    }
}
