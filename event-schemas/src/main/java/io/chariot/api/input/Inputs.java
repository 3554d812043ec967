package io.chariot.api.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks one value against {@link StoreLimits}. Each check names the member in its message, says what is wrong and
 * never echoes the value itself (it may be huge or not printable).
 */
public final class Inputs {

    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private Inputs() {
    }

    /** Text of at most {@link StoreLimits#TEXT_BYTES}; see {@link #text(String, String, int)}. */
    public static String text(String field, String value) {
        return text(field, value, StoreLimits.TEXT_BYTES);
    }

    /**
     * Text every store can hold: no NUL character (PostgreSQL text refuses it), no unpaired UTF-16 surrogate (it
     * has no UTF-8 form: JSON written with it cannot be read back), at most {@code maxBytes} of UTF-8. Null passes.
     *
     * @return the value unchanged
     * @throws InvalidInputException otherwise
     */
    public static String text(String field, String value, int maxBytes) {
        if (value != null && utf8Bytes(field, value) > maxBytes) {
            throw new InvalidInputException(field + " is longer than " + maxBytes + " bytes (UTF-8)");
        }
        return value;
    }

    /** A Chariot key: text of at most {@link StoreLimits#KEY_BYTES}. */
    public static String key(String field, String key) {
        if (key != null && utf8Bytes(field, key) > StoreLimits.KEY_BYTES) {
            throw new InvalidInputException(field + ": a key is at most " + StoreLimits.KEY_BYTES
                    + " bytes (UTF-8)");
        }
        return key;
    }

    /**
     * A key cut to {@link StoreLimits#KEY_BYTES} at a character boundary, for keys whose tail may be dropped (URL
     * keys, as tabularium cuts them). The text must be well-formed.
     */
    public static String cutToKey(String key) {
        int bytes = 0;
        int i = 0;
        while (i < key.length()) {
            int cp = key.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > StoreLimits.KEY_BYTES) {
                return key.substring(0, i);
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return key;
    }

    /** An instant PostgreSQL and ISO-8601 clients can hold: 1970 to 9999. Null passes. */
    public static Instant instant(String field, Instant value) {
        if (value != null && (value.isBefore(StoreLimits.EARLIEST) || value.isAfter(StoreLimits.LATEST))) {
            throw new InvalidInputException(field + " must be between " + StoreLimits.EARLIEST + " and "
                    + StoreLimits.LATEST);
        }
        return value;
    }

    /** A number DynamoDB can hold: at most 38 significant digits, magnitude from 1E-130 to below 1E+126. */
    public static BigDecimal number(String field, BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return value;
        }
        BigDecimal n = value.stripTrailingZeros();
        if (n.precision() > StoreLimits.NUMBER_DIGITS) {
            throw new InvalidInputException(field + " has more than " + StoreLimits.NUMBER_DIGITS
                    + " significant digits");
        }
        long exponent = (long) n.precision() - n.scale() - 1;
        if (exponent > StoreLimits.NUMBER_MAX_EXPONENT || exponent < StoreLimits.NUMBER_MIN_EXPONENT) {
            throw new InvalidInputException(field + " is out of range (magnitude 1E" + StoreLimits.NUMBER_MIN_EXPONENT
                    + " to 1E+" + (StoreLimits.NUMBER_MAX_EXPONENT + 1) + ")");
        }
        return value;
    }

    /**
     * The JSON text of a document DynamoDB can hold as a map or list: well-formed text of at most
     * {@link StoreLimits#DOCUMENT_BYTES}, nested at most {@link StoreLimits#DOCUMENT_DEPTH} deep, no empty member
     * name, every string and number storable. Null passes.
     */
    public static String jsonDocument(String field, String json) {
        if (json == null) {
            return null;
        }
        text(field, json, StoreLimits.DOCUMENT_BYTES);
        JsonNode tree;
        try {
            tree = EXACT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field + " is not JSON");
        }
        document(field, tree, 0);
        return json;
    }

    /** A JSON tree as {@link #jsonDocument} checks it (its size is the caller's). */
    public static JsonNode jsonDocument(String field, JsonNode tree) {
        if (tree != null) {
            document(field, tree, 0);
        }
        return tree;
    }

    private static void document(String path, JsonNode node, int depth) {
        if (depth > StoreLimits.DOCUMENT_DEPTH) {
            throw new InvalidInputException(path + " nests deeper than " + StoreLimits.DOCUMENT_DEPTH + " levels");
        }
        if (node.isTextual()) {
            text(path, node.textValue(), StoreLimits.DOCUMENT_BYTES);
        } else if (node.isNumber()) {
            number(path, node.decimalValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                document(path + "[" + i + "]", node.get(i), depth + 1);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (member.getKey().isEmpty()) {
                    throw new InvalidInputException(path + " has a member with an empty name");
                }
                text(path + " member name", member.getKey(), StoreLimits.INDEXED_BYTES);
                document(path + "." + member.getKey(), member.getValue(), depth + 1);
            }
        }
    }

    /** What a history record of {@code by} with {@code comment} (may be null) adds to its record's history. */
    public static long historyRecordBytes(String by, String comment) {
        return StoreLimits.HISTORY_RECORD_BYTES + lengthOf(by) + lengthOf(comment);
    }

    /**
     * Refuses a comment that does not fit in a history already holding {@code usedBytes} ({@link
     * StoreLimits#HISTORY_BYTES}); a change without a comment always fits.
     */
    public static void historyRoom(long usedBytes, String by, String comment) {
        if (comment != null && !comment.isBlank()
                && usedBytes + historyRecordBytes(by, comment) > StoreLimits.HISTORY_BYTES) {
            throw new InvalidInputException("comment: the history is full (" + StoreLimits.HISTORY_BYTES
                    + " bytes of comments per record); changes without a comment are still recorded");
        }
    }

    private static long lengthOf(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * The UTF-8 length of well-formed text.
     *
     * @throws InvalidInputException for a NUL character or an unpaired surrogate
     */
    public static int utf8Bytes(String field, String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new InvalidInputException(field + " must not contain NUL (U+0000) characters");
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(field + " is not valid Unicode text (an unpaired surrogate)");
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
