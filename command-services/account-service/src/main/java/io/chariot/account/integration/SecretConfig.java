package io.chariot.account.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.api.account.SecretNames;

import java.util.Iterator;
import java.util.Map;

/**
 * Splits an integration's config into what may be shown and what is secret. A member is secret when its name says
 * so ({@link SecretNames}); everything under a secret member (an object or an array) is secret too. A secret member
 * keeps its place in the shown config with the value {@link #REDACTED} (null and empty values are kept as they are:
 * there is nothing to hide); its real value goes to {@code secrets}, an object keyed by the member's JSON Pointer
 * ({@code /token}, {@code /aws/secret}).
 */
public final class SecretConfig {

    public static final String REDACTED = SecretNames.REDACTED;

    /** The shown config (secrets redacted) and the secret members by JSON Pointer (empty when none). */
    public record Split(ObjectNode shown, ObjectNode secrets) {
        public boolean hasSecrets() {
            return !secrets.isEmpty();
        }
    }

    private SecretConfig() {
    }

    public static boolean isSecretName(String name) {
        return SecretNames.isSecretName(name);
    }

    /** Splits {@code config} (null means {@code {}}); it must be a JSON object. */
    public static Split split(JsonNode config) {
        ObjectNode secrets = JsonNodeFactory.instance.objectNode();
        if (config == null || config.isNull() || config.isMissingNode()) {
            return new Split(JsonNodeFactory.instance.objectNode(), secrets);
        }
        if (!config.isObject()) {
            throw new IllegalArgumentException("config must be a JSON object");
        }
        ObjectNode shown = config.deepCopy();
        redact(shown, "", secrets);
        return new Split(shown, secrets);
    }

    private static void redact(ObjectNode node, String path, ObjectNode secrets) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String pointer = path + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
            JsonNode v = f.getValue();
            if (isSecretName(f.getKey())) {
                if (v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
                    continue;
                }
                secrets.set(pointer, v);
                f.setValue(JsonNodeFactory.instance.textNode(REDACTED));
            } else if (v.isObject()) {
                redact((ObjectNode) v, pointer, secrets);
            } else if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i).isObject()) {
                        redact((ObjectNode) v.get(i), pointer + "/" + i, secrets);
                    }
                }
            }
        }
    }
}
