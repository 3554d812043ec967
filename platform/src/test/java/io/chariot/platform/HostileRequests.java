package io.chariot.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates hostile requests for one endpoint from its handler method alone, so an endpoint added tomorrow is
 * fuzzed without anyone writing its requests: path variables, query parameters and headers from the method's
 * annotations, a plausible JSON body from its {@code @RequestBody} record (member names and types by reflection),
 * then exactly one mutation of that base request (a hostile value in one member, an unknown member, broken JSON, an
 * oversized body, a bad content type, a forged token or an odd account header).
 */
final class HostileRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    static final int OVERSIZED_BYTES = 1_200_000;

    /** One request to send: {@code auth} is the token to use ({@code null} for none), {@code kind} its mutation. */
    record Probe(String endpoint, String method, String path, Map<String, String> headers, byte[] body,
                 String kind) {
    }

    /** What a request is made of before it is mutated. */
    private record Base(String method, Map<String, String> pathVariables, Map<String, String> query,
                        Map<String, String> headers, JsonNode body, boolean rawBody) {
    }

    /**
     * Values the endpoints' base requests use: the fuzz tenant's own records, so requests reach deep code.
     * {@code purgeToken} is an admin's of another, empty tenant: {@code DELETE /account/purge} with the fuzz tenant's
     * token would remove the records every other probe reaches for, and repeat that removal each time it is accepted.
     */
    record Context(String assetKey, String attributeKey, String riskKey, String jobKey, String preseedKey,
                   String keyRef, String member, String hookUser, String hookPin, Map<String, String> signedQuery,
                   String operatorToken, String tenantToken, String purgeToken, List<String> hostileTokens) {
    }

    private final SplittableRandom random;
    private final Context context;

    HostileRequests(SplittableRandom random, Context context) {
        this.random = random;
        this.context = context;
    }

    Probe next(String endpoint, HandlerMethod handler) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
        if (method.equals("*")) {
            method = List.of("GET", "POST", "PUT", "DELETE").get(random.nextInt(4));
        }
        Base base = base(method, pattern, handler);
        return mutate(endpoint, pattern, base);
    }

    // --- the base request --------------------------------------------------------------------------------------

    private Base base(String method, String pattern, HandlerMethod handler) {
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher m = VARIABLE.matcher(pattern);
        while (m.find()) {
            variables.put(m.group(1), pathValue(m.group(1)));
        }
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode body = null;
        boolean raw = false;
        for (MethodParameter p : handler.getMethodParameters()) {
            p.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                        : p.getParameterName();
                query.put(name, queryValue(pattern, name, p.getParameterType()));
            }
            RequestHeader header = p.getParameterAnnotation(RequestHeader.class);
            if (header != null) {
                String name = !header.name().isEmpty() ? header.name() : header.value();
                headers.put(name, "fuzz-" + name.toLowerCase());
            }
            if (p.hasParameterAnnotation(RequestBody.class)) {
                raw = p.getParameterType() == byte[].class;
                body = raw ? hookBody() : value(pattern, method, "body", p.getGenericParameterType(), 0);
            }
            if (p.getParameterType() == HttpServletRequest.class && method.equals("PUT")) {
                raw = true;
                body = NODES.textNode("file bytes");
            }
        }
        if (pattern.equals("/signed/file")) {
            query.putAll(context.signedQuery());
        }
        return new Base(method, variables, query, headers, body, raw);
    }

    private String pathValue(String variable) {
        return switch (variable) {
            case "member" -> context.member();
            case "user" -> context.hookUser();
            case "pin" -> context.hookPin();
            // never a real projection: no request of the fuzz may start a rebuild
            case "name" -> "fuzz-no-such-projection";
            default -> "fuzz";
        };
    }

    private String queryValue(String pattern, String name, Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "1";
        }
        return switch (name) {
            case "key" -> pattern.equals("/my/count") ? "#asset" : context.assetKey();
            case "name" -> "fuzz/report.txt";
            case "since" -> "2026-01-01T00:00:00Z";
            default -> "fuzz";
        };
    }

    private static JsonNode hookBody() {
        return NODES.objectNode().put("dns", "fuzz.example").put("name", "10.0.0.2").put("finding", "CVE-2024-1");
    }

    /** A plausible value of a type, built by reflection: records become objects of their members. */
    private JsonNode value(String pattern, String method, String name, Type type, int depth) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return NODES.textNode(text(pattern, method, name));
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return NODES.booleanNode(false);
        }
        if (Number.class.isAssignableFrom(raw) || (raw.isPrimitive() && raw != void.class)) {
            return NODES.numberNode(1);
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return name.equals("config") ? NODES.objectNode() : NODES.textNode("fuzz");
        }
        if (Collection.class.isAssignableFrom(raw)) {
            var list = NODES.arrayNode();
            Type element = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
            if (rawClass(element) == JsonNode.class || depth > 3) {
                return list;
            }
            list.add(value(pattern, method, singular(name), element, depth + 1));
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return NODES.objectNode().put("fuzz", "1");
        }
        if (raw.isRecord() && depth <= 3) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent c : raw.getRecordComponents()) {
                JsonProperty renamed = c.getAnnotation(JsonProperty.class);
                String member = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
                if (member.equals("key") || !optionalByDefault(member)) {
                    object.set(member, value(pattern, method, member, c.getGenericType(), depth + 1));
                }
            }
            return object;
        }
        return NODES.nullNode();
    }

    /** Members left out of the base body, so that the base request is the common, valid one. */
    private static boolean optionalByDefault(String member) {
        return List.of("remove", "expires", "tickets", "secret", "prefix", "not", "relationships", "orderBy",
                "descending", "model", "items", "member", "credential_ids", "labels", "optional", "length",
                "source", "target").contains(member);
    }

    private String text(String pattern, String method, String name) {
        return switch (name) {
            case "key" -> key(pattern, method);
            case "group", "dns" -> "fuzz.example";
            case "identifier" -> "10.0.0.1";
            case "name" -> pattern.startsWith("/risk") ? "CVE-2024-1" : "fuzz-name";
            case "status" -> switch (pattern) {
                case "/risk" -> method.equals("DELETE") ? "DHO" : "TH";
                case "/job/result" -> "JP";
                default -> "A";
            };
            case "type" -> pattern.equals("/preseed") ? "whois+company" : "asset";
            case "title" -> "Fuzz Co";
            case "value" -> "443";
            case "role" -> "readonly";
            case "capability", "capabilities" -> "portscan";
            case "label", "labels" -> "Asset";
            case "operator" -> "=";
            case "field" -> "status";
            case "search" -> "fuzz";
            case "provider" -> "jira";
            case "id" -> "FZ-1";
            default -> "fuzz";
        };
    }

    private String key(String pattern, String method) {
        return switch (pattern) {
            case "/attribute" -> method.equals("DELETE") ? context.attributeKey() : context.assetKey();
            case "/risk" -> method.equals("PUT") || method.equals("POST") ? context.assetKey() : context.riskKey();
            // a job key that was never queued: a result of the fuzz never finishes a job (no saga writes later)
            case "/job/claim", "/job/result" -> context.jobKey();
            case "/preseed" -> context.preseedKey();
            case "/key" -> context.keyRef();
            default -> context.assetKey();
        };
    }

    private static String singular(String name) {
        return name.endsWith("ies") ? name.substring(0, name.length() - 3) + "y"
                : name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        return Object.class;
    }

    // --- one mutation ------------------------------------------------------------------------------------------

    private Probe mutate(String endpoint, String pattern, Base base) {
        Map<String, String> variables = new LinkedHashMap<>(base.pathVariables());
        Map<String, String> query = new LinkedHashMap<>(base.query());
        Map<String, String> rawQuery = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>(base.headers());
        JsonNode body = base.body() == null ? null : base.body().deepCopy();
        String bodyText = null;
        String contentType = "application/json";
        String token = pattern.startsWith("/admin") ? context.operatorToken()
                : pattern.equals("/account/purge") ? context.purgeToken() : context.tenantToken();
        String kind;

        int choice = random.nextInt(100);
        if (choice < 30 && body != null && !base.rawBody() && !leafPaths(body).isEmpty()) {
            var paths = leafPaths(body);
            String path = paths.get(random.nextInt(paths.size()));
            boolean text = random.nextInt(3) > 0;
            JsonNode hostile = text ? NODES.textNode(pick(HostileValues.TEXT)) : HostileValues.wrongType(random);
            body = replace(body, path, hostile);
            kind = text ? "hostile text in a member" : "wrong type in a member";
        } else if (choice < 38 && body != null && body.isObject()) {
            ((ObjectNode) body).set(HostileValues.memberName(random), random.nextBoolean()
                    ? NODES.textNode(pick(HostileValues.TEXT)) : HostileValues.wrongType(random));
            kind = "odd member name";
        } else if (choice < 46) {
            bodyText = HostileValues.brokenJson(body == null ? "{}" : body.toString(), random);
            kind = "broken JSON";
        } else if (choice < 54 && (!variables.isEmpty() || !query.isEmpty())) {
            List<String> names = new ArrayList<>(variables.keySet());
            names.addAll(query.keySet());
            String name = names.get(random.nextInt(names.size()));
            String value = random.nextBoolean() ? pick(HostileValues.URL_ENCODED)
                    : URLEncoder.encode(pick(HostileValues.TEXT), StandardCharsets.UTF_8);
            if (variables.containsKey(name)) {
                variables.put(name, null);
                rawVariable(variables, name, value);
            } else {
                query.remove(name);
                rawQuery.put(name, value);
            }
            kind = "hostile URL value";
        } else if (choice < 58) {
            rawQuery.put(URLEncoder.encode(HostileValues.memberName(random), StandardCharsets.UTF_8),
                    pick(HostileValues.URL_ENCODED));
            if (!query.isEmpty() && random.nextBoolean()) {
                String repeated = query.keySet().iterator().next();
                rawQuery.put(URLEncoder.encode(repeated, StandardCharsets.UTF_8), "%23");
            }
            kind = "unknown or repeated query parameter";
        } else if (choice < 64) {
            kind = "oversized body";
            bodyText = "{\"key\":\"" + "a".repeat(OVERSIZED_BYTES) + "\"}";
        } else if (choice < 72) {
            contentType = pick(HostileValues.CONTENT_TYPES);
            kind = "content type " + contentType;
        } else if (choice < 84) {
            List<String> tokens = context.hostileTokens();
            token = tokens.get(random.nextInt(tokens.size()));
            kind = "forged, expired or missing token";
        } else if (choice < 92) {
            headers.put("account", List.of("other-" + random.nextInt(1000) + "@example.com", "a#b@example.com",
                    "x".repeat(5000), "", " ", "ADMIN@EXAMPLE.COM", "%00").get(random.nextInt(7)));
            kind = "odd account header";
        } else {
            kind = "base request";
        }

        if (!rawQuery.isEmpty() || random.nextInt(4) == 0) {
            headers.putIfAbsent("X-Fuzz", Integer.toString(random.nextInt()));
        }
        // Half the writers do not wait to read their writes back (as bulk writers do): the run stays short, and
        // both answers are exercised; now and then the preference itself is odd.
        int prefer = random.nextInt(10);
        if (prefer < 5) {
            headers.put("Prefer", "respond-async");
        } else if (prefer == 5) {
            headers.put("Prefer", List.of("respond-async, wait=1e308", "respond-async;;", "wait=-1", "\u00e9")
                    .get(random.nextInt(4)));
        }
        String path = path(pattern, variables, query, rawQuery);
        byte[] bytes;
        if (bodyText != null) {
            bytes = bodyText.getBytes(StandardCharsets.UTF_8);
        } else if (body == null) {
            bytes = null;
        } else if (base.rawBody() && body.isTextual()) {
            bytes = body.textValue().getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = json(body);
        }
        if (bytes != null || !base.method().equals("GET")) {
            headers.put("Content-Type", contentType);
        }
        if (token != null) {
            headers.put("Authorization", token);
        }
        return new Probe(endpoint, base.method(), path, headers, bytes, kind);
    }

    /** Path variables are percent-encoded on the way; a raw one is kept as given (already encoded). */
    private final Map<String, String> rawVariables = new LinkedHashMap<>();

    private void rawVariable(Map<String, String> variables, String name, String encoded) {
        rawVariables.put(name, encoded);
    }

    private String path(String pattern, Map<String, String> variables, Map<String, String> query,
                        Map<String, String> rawQuery) {
        StringBuilder out = new StringBuilder();
        Matcher m = VARIABLE.matcher(pattern);
        int last = 0;
        while (m.find()) {
            out.append(pattern, last, m.start());
            String name = m.group(1);
            String value = variables.get(name);
            out.append(value != null ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
                    : rawVariables.getOrDefault(name, "x"));
            last = m.end();
        }
        out.append(pattern.substring(last));
        rawVariables.clear();
        List<String> parameters = new ArrayList<>();
        query.forEach((k, v) -> parameters.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        rawQuery.forEach((k, v) -> parameters.add(k + "=" + v));
        if (!parameters.isEmpty()) {
            out.append('?').append(String.join("&", parameters));
        }
        return out.toString();
    }

    /** JSON pointers of every value in a body (objects' members and lists' elements, not the root). */
    private static List<String> leafPaths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect(node, "", paths);
        paths.remove("");
        return paths;
    }

    private static void collect(JsonNode node, String at, List<String> paths) {
        paths.add(at);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> collect(node.get(f), at + "/" + f, paths));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at + "/" + i, paths);
            }
        }
    }

    private static JsonNode replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        }
        return root;
    }

    private static byte[] json(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
