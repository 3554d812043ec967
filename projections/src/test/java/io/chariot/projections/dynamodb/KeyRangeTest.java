package io.chariot.projections.dynamodb;

import io.chariot.api.input.StoreLimits;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRangeTest {

    private static final String TOP = new String(Character.toChars(Character.MAX_CODE_POINT));

    /** DynamoDB's order of string keys: their UTF-8 bytes, unsigned. */
    private static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean inRange(String key, String prefix) {
        return compare(key, prefix) >= 0 && compare(key, KeyRange.upperBoundOf(prefix)) <= 0;
    }

    @Test
    void theBoundFillsAKeysBytesExactly() {
        for (String prefix : List.of("", "#asset#", "#asset#é", "#asset#€", "#asset#" + TOP, "#a#" + "x".repeat(1000))) {
            assertThat(KeyRange.upperBoundOf(prefix).getBytes(StandardCharsets.UTF_8)).hasSize(StoreLimits.KEY_BYTES);
            assertThat(KeyRange.upperBoundOf(prefix)).startsWith(prefix);
        }
    }

    @Test
    void theConditionIsARangeWithBothValuesOrBeginsWithWhenNothingCanBeBounded() {
        Map<String, AttributeValue> values = new HashMap<>();
        assertThat(KeyRange.startsWith("#sk", ":prefix", "#asset#", values)).isEqualTo("#sk BETWEEN :prefix AND :prefixUpper");
        assertThat(values).containsEntry(":prefix", AttributeValue.fromS("#asset#"))
                .containsEntry(":prefixUpper", AttributeValue.fromS(KeyRange.upperBoundOf("#asset#")));

        Map<String, AttributeValue> tooLong = new HashMap<>();
        String prefix = "x".repeat(StoreLimits.KEY_BYTES + 1);
        assertThat(KeyRange.startsWith("#f", ":value", prefix, tooLong)).isEqualTo("begins_with(#f, :value)");
        assertThat(tooLong).containsOnlyKeys(":value");
    }

    @Test
    void aPrefixLongerThanAKeyHasNoRange() {
        assertThat(KeyRange.upperBoundOf("x".repeat(StoreLimits.KEY_BYTES))).isEqualTo("x".repeat(StoreLimits.KEY_BYTES));
        assertThat(KeyRange.upperBoundOf("x".repeat(StoreLimits.KEY_BYTES + 1))).isNull();
    }

    @Test
    void everyKeyThatStartsWithThePrefixIsInTheRangeEvenOneOfHighestCharacters() {
        String prefix = "#asset#example.com#";
        int left = StoreLimits.KEY_BYTES - prefix.length(); // 1,005: 251 four-byte characters and one byte
        List<String> keys = List.of(prefix, prefix + "a", prefix + TOP, prefix + TOP + "a", prefix + TOP + "\uffff",
                prefix + TOP.repeat(left / 4) + "\u007f", prefix + TOP.repeat(left / 4 - 1) + "\uffff\u007f\u007f",
                prefix + "z".repeat(left));
        keys.forEach(key -> assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(StoreLimits.KEY_BYTES));
        keys.forEach(key -> assertThat(inRange(key, prefix)).as(key).isTrue());
    }

    @Test
    void noKeyThatDoesNotStartWithThePrefixIsInTheRange() {
        String prefix = "#asset#example.com#";
        List<String> keys = List.of("#asset#example.com", "#asset#example.co" + TOP, "#asset#example.com$",
                "#asset#example.com" + TOP, "#asset#example.con", "#attribute#example.com#", "#asset#example.com#".replace('#', '$'));
        keys.forEach(key -> assertThat(inRange(key, prefix)).as(key).isFalse());
    }

    @Test
    void randomKeysAreInTheRangeExactlyWhenTheyStartWithThePrefix() {
        SplittableRandom random = new SplittableRandom(14);
        int[] alphabet = {'#', 'a', 'b', 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, Character.MAX_CODE_POINT - 1,
                Character.MAX_CODE_POINT};
        for (int i = 0; i < 20_000; i++) {
            String prefix = text(random, alphabet, random.nextInt(4));
            String key = random.nextBoolean() ? prefix + text(random, alphabet, random.nextInt(6))
                    : text(random, alphabet, 1 + random.nextInt(6));
            assertThat(inRange(key, prefix)).as("%s in %s", key, prefix).isEqualTo(key.startsWith(prefix));
        }
    }

    private static String text(SplittableRandom random, int[] alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return s.toString();
    }
}
