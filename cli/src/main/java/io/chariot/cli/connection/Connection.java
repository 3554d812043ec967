package io.chariot.cli.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a CLI finds the platform and its API key, in the order the help texts give: the option, the environment
 * ({@code CHARIOT_API}, {@code CHARIOT_API_KEY_*}, {@code CHARIOT_BOOTSTRAP_API_KEY_*}), then the files
 * {@code ./chariot up} writes into its work directory ({@code platform.url}, {@code dev-credentials.env}).
 *
 * @param workDir the work directory of {@code ./chariot up}
 */
public record Connection(String api, String keyId, String keySecret, Path workDir) {

    public static final String DEFAULT_API = "http://127.0.0.1:8080";

    /**
     * Resolves the settings from the options (null when not given) and {@code env} (the process environment;
     * tests pass their own).
     */
    public static Connection resolve(String apiOption, Path workDirOption, String keyIdOption,
                                     String keySecretOption, Map<String, String> env) {
        Path workDir = workDirOption != null ? workDirOption : projectRoot().resolve(".chariot");
        Map<String, String> dev = devCredentials(workDir);
        return new Connection(api(apiOption, env, workDir),
                credential(keyIdOption, "ID", env, dev), credential(keySecretOption, "SECRET", env, dev), workDir);
    }

    private static Path projectRoot() {
        String root = System.getProperty("chariot.root");
        if (root != null && !root.isBlank()) {
            return Path.of(root);
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("chariot")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return cwd;
    }

    private static String api(String option, Map<String, String> env, Path workDir) {
        String url = first(option, env.get("CHARIOT_API"), read(workDir.resolve("platform.url")), DEFAULT_API).trim();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, "--api must be an http:// or https:// URL, not '" + url
                    + "'");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String credential(String option, String name, Map<String, String> env, Map<String, String> dev) {
        return first(option, env.get("CHARIOT_API_KEY_" + name), env.get("CHARIOT_BOOTSTRAP_API_KEY_" + name),
                dev.get("CHARIOT_BOOTSTRAP_API_KEY_" + name));
    }

    /** {@code dev-credentials.env}: NAME=VALUE lines, optionally {@code export}ed and quoted; absent is empty. */
    private static Map<String, String> devCredentials(Path workDir) {
        Map<String, String> values = new HashMap<>();
        String file = read(workDir.resolve("dev-credentials.env"));
        if (file == null) {
            return values;
        }
        for (String line : file.split("\\R")) {
            String l = line.trim();
            if (l.startsWith("export ")) {
                l = l.substring("export ".length()).trim();
            }
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = l.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(l.substring(0, eq).trim(), value);
        }
        return values;
    }

    /** The file's text, trimmed; null when absent or unreadable (the missing value is reported where it is used). */
    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** Without the secret: a connection may end up in a message. */
    @Override
    public String toString() {
        return "Connection[api=" + api + ", keyId=" + keyId + ", workDir=" + workDir + "]";
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
