package io.chariot.query.explorer.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chariot.api.account.SecretNames;

import java.util.Iterator;
import java.util.Map;

/**
 * The rule by which the explorer hides secrets in whatever it shows (payloads, metadata, replayed aggregate states):
 * the value of a member is replaced by {@link SecretNames#REDACTED} when the member's name is a secret's
 * ({@link SecretNames}: {@code secret}, {@code token}, {@code clientSecret}, {@code pin}…), ends with {@code hash}
 * (the hash of an API key's secret or a webhook's pin) or is {@code sealed} (the ciphertext of an integration's
 * secrets). It applies at any depth, inside lists, and inside text members that hold JSON documents (an
 * integration's {@code config}, a setting's {@code value}), which are redacted and written back as text. Null and
 * empty values stay as they are: there is nothing to hide.
 */
public final class SecretRedaction {

    private final ObjectMapper json;

    public SecretRedaction(ObjectMapper json) {
        this.json = json;
    }

    public static boolean isSecret(String member) {
        String n = SecretNames.normalised(member);
        return SecretNames.isSecretName(member) || n.endsWith("hash") || n.equals("sealed");
    }

    /** A copy of {@code node} with every secret hidden; {@code node} itself is not changed. */
    public JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        return walk(copy, 0);
    }

    private JsonNode walk(JsonNode node, int depth) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> members = object.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                JsonNode value = member.getValue();
                if (isSecret(member.getKey()) && !nothing(value)) {
                    member.setValue(TextNode.valueOf(SecretNames.REDACTED));
                } else {
                    member.setValue(walk(value, depth + 1));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i), depth + 1));
            }
        } else if (node.isTextual() && depth < 32) {
            return embedded(node.textValue(), depth);
        }
        return node;
    }

    /** A text member that holds a JSON object or list is redacted inside and written back as text. */
    private JsonNode embedded(String text, int depth) {
        String trimmed = text.trim();
        if (!(trimmed.startsWith("{") && trimmed.endsWith("}")) && !(trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            return TextNode.valueOf(text);
        }
        try {
            JsonNode inner = json.readTree(trimmed);
            JsonNode redacted = walk(inner.deepCopy(), depth + 1);
            return redacted.equals(inner) ? TextNode.valueOf(text) : TextNode.valueOf(json.writeValueAsString(redacted));
        } catch (Exception notJson) {
            return TextNode.valueOf(text);
        }
    }

    private static boolean nothing(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty());
    }
}
