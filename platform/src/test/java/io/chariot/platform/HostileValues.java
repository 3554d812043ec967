package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The hostile values {@link HostileInputIT} draws from: text that stores choke on, injection attempts, wrong JSON
 * types, broken JSON, bad content types. None of them names a Java type, so a Java name in an answer is always the
 * server's own.
 */
final class HostileValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileValues() {
    }

    /** Strings for JSON members, query parameters and path variables. */
    static final List<String> TEXT = List.of(
            "", " ", "\t\n", "\u0000", "a\u0000b", "#asset#a\u0000#b",
            // unpaired surrogates, both halves; then pairs and other unicode that must round-trip
            "\ud800", "x\udc00y", "\udbff\udbff", "\ud83d\ude00", "\ud83d\ude00".repeat(300),
            "\u202eevil.com", "\u200f\u05e9\u05dc\u05d5\u05dd", "xn--80ak6aa92e.com", "\u0431\u0435\u0437.\u0440\u0444",
            "\ufb01", "\u0130", "e\u0301", "\ufeffbom", "\uffff", "\ufffe",
            // traversal and key syntax
            "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "/", "#", "##", "#asset#", "#asset##",
            "#asset#a#b#c#d", "#risk#", "#attribute#a", "#job#a#b", "#key#", "#preseed#a#b", "#seed#", "#file#",
            "#asset#" + "a".repeat(2000) + "#b",
            // injections into Cypher, DynamoDB expressions, templates, headers
            "' OR 1=1 //", "\") DETACH DELETE n //", "`) MATCH (m) DETACH DELETE m //", "$tenant", ":tenant",
            "#pk = :tenant OR attribute_exists(#sk)", "begins_with(#sk, :prefix)", "{{7*7}}",
            "${jndi:ldap://127.0.0.1:1/x}", "<script>alert(1)</script>", "a\r\nX-Injected: 1",
            "%00", "%ED%A0%80", "\\u0000", "NaN", "-0", "1e308", "1e-400", "null", "true", "[]", "{}",
            // sizes around and far beyond the limits
            "a".repeat(1025), "\u00e9".repeat(600), "a".repeat(40_000), "x".repeat(100_000));

    /** Strings for URLs, already percent-encoded (so they can carry bytes no Java string holds). */
    static final List<String> URL_ENCODED = List.of(
            "%00", "a%00b", "%ED%A0%80", "%C0%AE%C0%AE%2F", "%FF%FE", "%25", "%2e%2e%2f%2e%2e%2f", "..%2F..",
            "%23asset%23", "%23", "%0d%0aX-Injected:%201", "%E2%80%AE", "a%20b", "%2F%2F", "%3B", "%3F%3D%26");

    /** JSON values of the wrong type (or of extreme size) for any member. */
    static JsonNode wrongType(SplittableRandom random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.numberNode(1);
            case 1 -> NODES.numberNode(-1L);
            case 2 -> NODES.numberNode(1.5);
            case 3 -> parse("1e308");
            case 4 -> parse("1e-400");
            case 5 -> parse("123456789012345678901234567890123456789012345");
            case 6 -> NODES.booleanNode(true);
            case 7 -> NODES.nullNode();
            case 8 -> NODES.arrayNode();
            case 9 -> NODES.arrayNode().add(1).add("a").add(NODES.objectNode());
            case 10 -> NODES.objectNode();
            case 11 -> NODES.objectNode().set("a", NODES.objectNode().put("b", "\u0000"));
            case 12 -> nested(40);
            case 13 -> NODES.objectNode().put("", 1);
            case 14 -> NODES.arrayNode().add(NODES.textNode("\ud800"));
            default -> {
                var many = NODES.arrayNode();
                for (int i = 0; i < 2000; i++) {
                    many.add("v" + i);
                }
                yield many;
            }
        };
    }

    /** A member name to add to a body: unknown, injected, or not text a store can hold. */
    static String memberName(SplittableRandom random) {
        List<String> names = List.of("__proto__", "constructor", "$where", "#pk", ":tenant", "a.b[0]", "key` = 1 //",
                "\u0000", "\ud800", "", " ", "username", "tenant", "uid", "_seq", "a".repeat(5000), "\u202e");
        return names.get(random.nextInt(names.size()));
    }

    /** A body that is not JSON, or not quite. */
    static String brokenJson(String valid, SplittableRandom random) {
        return switch (random.nextInt(12)) {
            case 0 -> valid.substring(0, Math.max(0, random.nextInt(Math.max(1, valid.length()))));
            case 1 -> valid + "garbage";
            case 2 -> valid + valid;
            case 3 -> "[".repeat(3000) + "]".repeat(3000);
            case 4 -> "{\"a\":" .repeat(1500) + "1" + "}".repeat(1500);
            case 5 -> "\ufeff" + valid;
            case 6 -> valid.replace('"', '\'');
            case 7 -> "/* comment */" + valid;
            case 8 -> "{\"a\":NaN,\"b\":Infinity}";
            case 9 -> "{\"key\":\"a\",\"key\":\"b\",\"key\":{\"x\":[1,2,{\"y\":null}]}}";
            case 10 -> "{\"a\":\"\\ud800\",\"b\":\"\\u0000\",\"c\":\"\\uZZZZ\"}";
            default -> "1".repeat(5000);
        };
    }

    /** Content types the API does not take, or cannot parse. */
    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/json; charset=foo",
            "application/json;;", "multipart/form-data", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "*/*", "application/*", "application/json; charset=utf-16",
            "ab/cd/ef", "application/json; charset=\"utf-8", "application/json, text/plain", "image/png");

    private static JsonNode nested(int depth) {
        JsonNode node = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            node = NODES.objectNode().set("n", node);
        }
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
