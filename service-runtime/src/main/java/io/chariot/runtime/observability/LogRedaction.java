package io.chariot.runtime.observability;

import java.util.regex.Pattern;

/**
 * The last line of defence for credentials that have a recognisable shape or place: a JWT (three base64url parts,
 * the first starting {@code eyJ}), a webhook URL (its path carries the pin) and a URL's query string (where clients
 * put keys; masked as Spring MVC masks request parameters). Our own log lines never include credentials; a
 * framework's DEBUG line echoing a request might, so every value of a structured log line passes through here.
 */
final class LogRedaction {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern HOOK = Pattern.compile("/hook/[^/\\s\"'?]+/[^/\\s\"'?]+");
    private static final Pattern QUERY = Pattern.compile("(/[^\\s\"'?]*)\\?[^\\s\"']+");

    private LogRedaction() {
    }

    static String redact(String value) {
        if (value == null) {
            return null;
        }
        String redacted = value;
        if (redacted.contains("eyJ")) {
            redacted = JWT.matcher(redacted).replaceAll("[jwt]");
        }
        if (redacted.contains("/hook/")) {
            redacted = HOOK.matcher(redacted).replaceAll("/hook/{tenant}/{pin}");
        }
        if (redacted.indexOf('?') > 0 && redacted.indexOf('/') >= 0) {
            redacted = QUERY.matcher(redacted).replaceAll("$1?[masked]");
        }
        return redacted;
    }
}
