package io.chariot.load.gatling;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's settings, from system properties ({@code chariot.*}, set by run-gatling.sh) with the API key from the
 * environment or the {@code ./chariot up} work dir's {@code dev-credentials.env} (never from the command line, where
 * {@code ps} would show the secret).
 *
 * @param api       the platform's base URL
 * @param rate      CLI sessions started per second (the base rate for the spike)
 * @param duration  how long to inject (the soak's {@code --duration}; the daily run's length)
 * @param keyspace  distinct assets the sessions touch: a bounded set, so a long run reaches a steady state of
 *                  upserts as a real tenant's daily scans do, instead of a read model that grows without end
 * @param runId     tells one run's assets from another's
 * @param sampleSeconds how often the soak samples heap and lag
 */
public record Settings(String api, double rate, Duration duration, int keyspace, String runId, String apiKeyId,
                       String apiKeySecret, int sampleSeconds, Path verdictFile) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)([smh]?)");

    public static Settings fromSystem() {
        return from(System.getProperties()::getProperty, System.getenv());
    }

    static Settings from(Function<String, String> props, Map<String, String> env) {
        String api = or(props.apply("chariot.api"), "http://127.0.0.1:18500");
        double rate = Double.parseDouble(or(props.apply("chariot.rate"), "5"));
        if (!(rate > 0)) {
            throw new IllegalArgumentException("chariot.rate must be above 0");
        }
        Duration duration = parseDuration(or(props.apply("chariot.duration"), "60s"));
        int keyspace = Integer.parseInt(or(props.apply("chariot.keyspace"), "2000"));
        String runId = or(props.apply("chariot.runId"), Long.toString(System.currentTimeMillis() / 1000, 36));
        int sample = Integer.parseInt(or(props.apply("chariot.sampleSeconds"), "5"));
        String verdict = props.apply("chariot.verdictFile");

        String id = env.get("CHARIOT_BOOTSTRAP_API_KEY_ID");
        String secret = env.get("CHARIOT_BOOTSTRAP_API_KEY_SECRET");
        String workDir = props.apply("chariot.workDir");
        if ((blank(id) || blank(secret)) && !blank(workDir)) {
            Properties file = credentials(Path.of(workDir).resolve("dev-credentials.env"));
            id = or(id, file.getProperty("CHARIOT_BOOTSTRAP_API_KEY_ID"));
            secret = or(secret, file.getProperty("CHARIOT_BOOTSTRAP_API_KEY_SECRET"));
        }
        if (blank(id) || blank(secret)) {
            throw new IllegalArgumentException("no API key: set CHARIOT_BOOTSTRAP_API_KEY_ID/_SECRET or chariot.workDir"
                    + " (a ./chariot up work dir with dev-credentials.env)");
        }
        return new Settings(api.replaceAll("/+$", ""), rate, duration, keyspace, runId, id, secret, sample,
                blank(verdict) ? null : Path.of(verdict));
    }

    /** {@code 90}, {@code 90s}, {@code 10m}, {@code 24h}. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("duration '" + text + "': a number with s, m or h (90s, 10m, 24h)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("duration '" + text + "' must be above 0");
        }
        return d;
    }

    private static Properties credentials(Path file) {
        Properties p = new Properties();
        if (Files.isReadable(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String or(String s, String fallback) {
        return blank(s) ? fallback : s;
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "api=%s rate=%s/s duration=%s keyspace=%d run=%s key=%s", api, rate,
                duration, keyspace, runId, apiKeyId);
    }
}
