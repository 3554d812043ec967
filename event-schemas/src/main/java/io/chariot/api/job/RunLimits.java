package io.chariot.api.job;

import io.chariot.api.rejection.Rejected;

import java.util.Map;

/**
 * How long a job's run may take before it fails, and how many times a failed run is queued again: the one place
 * of their rules, kept by the {@code Job} aggregate for every queued job and by the job API before it sends any
 * command. A job's {@code config} (Chariot's string map) may set them as {@code retries} and
 * {@code timeout_seconds}; otherwise its capability's defaults hold.
 */
public record RunLimits(int retries, long timeoutSeconds) {

    public static final String RETRIES = "retries";
    public static final String TIMEOUT_SECONDS = "timeout_seconds";

    public RunLimits {
        if (retries < 0) {
            throw Rejected.invalid("config." + RETRIES + " must not be negative");
        }
        if (timeoutSeconds <= 0) {
            throw Rejected.invalid("config." + TIMEOUT_SECONDS + " must be positive");
        }
    }

    /** The limits a job's config sets, each falling back to its capability's default when the config has none. */
    public static RunLimits of(Map<String, String> config, int defaultRetries, long defaultTimeoutSeconds) {
        Integer retries = integer(config, RETRIES);
        Integer timeout = integer(config, TIMEOUT_SECONDS);
        return new RunLimits(retries == null ? defaultRetries : retries,
                timeout == null ? defaultTimeoutSeconds : timeout);
    }

    private static Integer integer(Map<String, String> config, String name) {
        String value = config == null ? null : config.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw Rejected.invalid("config." + name + " must be an integer, got '" + value + "'");
        }
    }
}
