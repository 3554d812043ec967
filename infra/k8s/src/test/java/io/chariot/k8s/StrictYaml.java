package io.chariot.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into typed models and refuses what they do not declare. fabric8's models catch every field they do not
 * know in an {@code additionalProperties} map (a {@code @JsonAnySetter}), so FAIL_ON_UNKNOWN_PROPERTIES alone would
 * let a misspelt field through: any-setters are switched off here, and an unknown field fails.
 */
final class StrictYaml {

    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return null;
                }
            });

    private StrictYaml() {
    }

    /** Every non-empty document of a multi-document YAML text. */
    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (values.hasNext()) {
                JsonNode document = (JsonNode) values.next();
                if (document != null && !document.isNull() && !document.isMissingNode() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /**
     * Adds to {@code lost} every path of {@code original} that {@code written} (the typed model written back) does
     * not hold with the same value. Scalars compare by their text (a Quantity "1" may come back as a string), and an
     * empty or null value may be left out.
     */
    static void lost(JsonNode original, JsonNode written, String path, List<String> lost) {
        if (original == null || original.isNull() || (original.isContainerNode() && original.isEmpty())) {
            return;
        }
        if (written == null || written.isNull() || written.isMissingNode()) {
            lost.add(path.isEmpty() ? "/" : path);
        } else if (original.isObject()) {
            original.properties().forEach(f -> lost(f.getValue(), written.get(f.getKey()),
                    path + "." + f.getKey(), lost));
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                lost(original.get(i), written.get(i), path + "[" + i + "]", lost);
            }
        } else if (written.isContainerNode() || !original.asText().equals(written.asText())) {
            lost.add(path + " (" + original.asText() + ")");
        }
    }

    /** Helm's coalescing of values files: maps merge key by key, anything else is replaced by the later file. */
    static JsonNode merge(JsonNode base, JsonNode over) {
        if (!(base instanceof ObjectNode baseObject) || !over.isObject()) {
            return over.deepCopy();
        }
        ObjectNode merged = baseObject.deepCopy();
        for (Map.Entry<String, JsonNode> field : over.properties()) {
            JsonNode existing = merged.get(field.getKey());
            merged.set(field.getKey(), existing == null ? field.getValue().deepCopy() : merge(existing, field.getValue()));
        }
        return merged;
    }
}
