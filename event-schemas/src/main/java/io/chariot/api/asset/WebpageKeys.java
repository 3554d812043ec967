package io.chariot.api.asset;

import io.chariot.api.input.Inputs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Identity of webpages (chariot-api.md §2.2, tabularium webpage.go): {@code #webpage#{url}}, the URL as given
 * (trimmed), the key cut to what a key can hold ({@link io.chariot.api.input.StoreLimits#KEY_BYTES}, as tabularium
 * cuts it). The URL must be http or https with a host and well-formed text.
 */
public final class WebpageKeys {

    public static final String PREFIX = "#webpage#";

    private WebpageKeys() {
    }

    /** The key of a webpage's URL, after checking the URL. */
    public static String key(String url) {
        String u = checkedUrl(url);
        String key = PREFIX + u;
        return AssetKeys.cut(key);
    }

    /** The URL, trimmed, once checked to be an http(s) URL with a host. */
    public static String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidKeyException("URL is required for Webpage");
        }
        String u = Inputs.text("url", url.trim());
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new InvalidKeyException("webpage URL must start with http:// or https://: " + u);
        }
        try {
            URI uri = new URI(u);
            if (uri.getRawAuthority() == null || uri.getRawAuthority().isBlank()) {
                throw new InvalidKeyException("webpage URL has no host: " + u);
            }
        } catch (URISyntaxException e) {
            throw new InvalidKeyException("not a valid webpage URL: " + u);
        }
        return u;
    }

    /** A client-supplied webpage key, trimmed, once checked. */
    public static String parse(String key) {
        if (key == null || !key.trim().startsWith(PREFIX)) {
            throw new InvalidKeyException("not a webpage key (expected #webpage#{url}): " + key);
        }
        String k = key.trim();
        checkedUrl(k.substring(PREFIX.length()));
        return k;
    }

    public static boolean isWebpageKey(String key) {
        return key != null && key.startsWith(PREFIX);
    }
}
