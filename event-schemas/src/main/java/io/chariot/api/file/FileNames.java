package io.chariot.api.file;

import io.chariot.api.input.Inputs;

import java.util.regex.Pattern;

/**
 * What a file name (a relative path such as {@code proofs/example.com/CVE-2024-1}) may be: not blank, at most 1024
 * characters, relative (no leading '/', no drive letter), no '..' or '.' or empty segment, no backslash and no
 * control characters. The key is {@code #file#{name}}.
 */
public final class FileNames {

    public static final String PREFIX = "#file#";
    public static final int MAX_LENGTH = 1024;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private FileNames() {
    }

    public static String key(String name) {
        return Inputs.key("name", PREFIX + check(name));
    }

    /** The name unchanged when it is acceptable; otherwise an {@link IllegalArgumentException} saying why. */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("name is longer than " + MAX_LENGTH + " characters");
        }
        Inputs.key("name", PREFIX + name);
        if (CONTROL.matcher(name).find() || name.contains("\\")) {
            throw new IllegalArgumentException("name must not contain control characters or backslashes");
        }
        if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be a relative path: " + name);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("name must not contain empty, '.' or '..' segments: " + name);
            }
        }
        return name;
    }
}
