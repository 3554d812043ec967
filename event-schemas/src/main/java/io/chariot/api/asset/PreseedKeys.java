package io.chariot.api.asset;

import io.chariot.api.input.Inputs;

import java.util.regex.Pattern;

/**
 * Preseed identity (chariot-api.md §2.2): {@code #preseed#{type}#{title}#{value}}, built server-side from the
 * trimmed fields. None of the three may contain '#', so a key always splits back into them; case is kept, as
 * Chariot keeps it (titles are display names).
 */
public final class PreseedKeys {

    public static final String PREFIX = "#preseed#";
    private static final Pattern KEY = Pattern.compile("^#preseed#[^#]+#[^#]+#[^#]+$");

    private PreseedKeys() {
    }

    public static String key(String type, String title, String value) {
        return Inputs.key("type, title and value",
                PREFIX + part(type, "type") + "#" + part(title, "title") + "#" + part(value, "value"));
    }

    /** Checks a client-supplied preseed key and returns it unchanged. */
    public static String parse(String key) {
        if (key == null || !KEY.matcher(Inputs.key("key", key)).matches()) {
            throw new InvalidKeyException("not a preseed key (expected #preseed#{type}#{title}#{value}): " + key);
        }
        return key;
    }

    private static String part(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidKeyException(field + " is required");
        }
        String trimmed = Inputs.key(field, value.trim());
        if (trimmed.contains("#")) {
            throw new InvalidKeyException(field + " must not contain '#': " + value);
        }
        return trimmed;
    }
}
