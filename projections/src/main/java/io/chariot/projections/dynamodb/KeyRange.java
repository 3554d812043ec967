package io.chariot.projections.dynamodb;

import io.chariot.api.input.StoreLimits;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A key prefix as a range of sort keys, for the query API's prefix searches ({@code GET /my?key=…}, by key and by
 * field, and the job queue).
 * {@code begins_with} says what is meant, but DynamoDB Local evaluates it as {@code hex(key) LIKE 'prefix%'} on every
 * item of the tenant's partition, on its one writer thread, while {@code BETWEEN} walks its index: on a partition of
 * 16,000 items a prefix query took 4.2–4.3 against 8.7–9.0 ms ({@code io.chariot.load.PrefixQueryBenchmark},
 * BENCHMARKS.md), and in a stepped run DynamoDB Local's CPU per command and read fell to a third. DynamoDB itself
 * reads the same index range for both.
 * <p>
 * DynamoDB orders string keys by their UTF-8 bytes, and a sort key holds at most {@link StoreLimits#KEY_BYTES}. The
 * upper bound is the prefix followed by the highest text of the bytes a key has left: U+10FFFF as often as it fits,
 * then the highest character of the one to three bytes that remain. Every key that starts with the prefix sorts at
 * or below it (character by character it is never higher), and every other key sorts outside the range: the range
 * is exactly the keys {@code begins_with} finds.
 */
public final class KeyRange {

    private static final String HIGHEST = new String(Character.toChars(Character.MAX_CODE_POINT)); // 4 bytes
    /** The highest character of 1, 2 and 3 bytes: U+007F, U+07FF, U+FFFF. */
    private static final String[] HIGHEST_OF_BYTES = {"", "\u007f", "\u07ff", "\uffff"};

    private KeyRange() {
    }

    /**
     * The key condition "{@code name} starts with {@code prefix}" as a range: {@code name BETWEEN :v AND :vUpper}, its
     * two values put in {@code values} under {@code valueName} and {@code valueName + "Upper"}; {@code begins_with}
     * when the prefix is longer than any key (nothing to bound).
     */
    public static String startsWith(String name, String valueName, String prefix, Map<String, AttributeValue> values) {
        values.put(valueName, AttributeValue.fromS(prefix));
        String upper = upperBoundOf(prefix);
        if (upper == null) {
            return "begins_with(" + name + ", " + valueName + ")";
        }
        values.put(valueName + "Upper", AttributeValue.fromS(upper));
        return name + " BETWEEN " + valueName + " AND " + valueName + "Upper";
    }

    /** The inclusive upper bound of the keys that start with the prefix; null when the prefix is longer than a key. */
    static String upperBoundOf(String prefix) {
        int left = StoreLimits.KEY_BYTES - prefix.getBytes(StandardCharsets.UTF_8).length;
        if (left < 0) {
            return null;
        }
        return prefix + HIGHEST.repeat(left / 4) + HIGHEST_OF_BYTES[left % 4];
    }
}
