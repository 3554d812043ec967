package io.chariot.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Generates, stores and compares the JSON Schema snapshots of published events.
 * <p>
 * Conventions: Draft 2020-12; a record's components become its properties in declaration order and are all
 * required; {@link Instant} is {@code {"type":"string","format":"date-time"}}.
 */
final class EventSchemas {

    static final String WRITE_PROPERTY = "chariot.schemas.write";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaGenerator GENERATOR = new SchemaGenerator(config());

    private EventSchemas() {
    }

    private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig config() {
        SchemaGeneratorConfigBuilder builder =
                new SchemaGeneratorConfigBuilder(JSON, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                        .with(Option.NONPUBLIC_NONSTATIC_FIELDS_WITH_GETTERS,
                              Option.NONPUBLIC_NONSTATIC_FIELDS_WITHOUT_GETTERS)
                        .without(Option.NONSTATIC_NONVOID_NONGETTER_METHODS, Option.GETTER_METHODS,
                                 Option.STATIC_METHODS, Option.VOID_METHODS, Option.PUBLIC_STATIC_FIELDS,
                                 Option.NONPUBLIC_STATIC_FIELDS);
        builder.forTypesInGeneral()
               .withCustomDefinitionProvider((type, context) -> type.getErasedType() == Instant.class
                       ? new CustomDefinition(context.getGeneratorConfig().createObjectNode()
                                                     .put("type", "string").put("format", "date-time"), true)
                       : null)
               .withPropertySorter(EventSchemas::declarationOrder);
        builder.forFields().withRequiredCheck(field -> field.getDeclaringType().getErasedType().isRecord());
        return builder.build();
    }

    /** Record components keep their declaration order; anything else falls back to the name. */
    private static int declarationOrder(MemberScope<?, ?> a, MemberScope<?, ?> b) {
        return Comparator.<MemberScope<?, ?>>comparingInt(EventSchemas::componentIndex)
                         .thenComparing(MemberScope::getSchemaPropertyName)
                         .compare(a, b);
    }

    private static int componentIndex(MemberScope<?, ?> member) {
        Class<?> declaring = member.getDeclaringType().getErasedType();
        if (!declaring.isRecord()) {
            return Integer.MAX_VALUE;
        }
        var components = declaring.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(member.getDeclaredName())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    static ObjectNode generate(Class<?> eventType) {
        return GENERATOR.generateSchema(eventType);
    }

    static String toJson(JsonNode schema) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where snapshots are committed: {@code src/main/resources} of this module. */
    static Path resourcesRoot() {
        String basedir = System.getProperty("basedir");
        Path module = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        return module.resolve("src/main/resources");
    }

    static Path snapshotFile(Path resourcesRoot, Class<?> eventType, String revision) {
        return resourcesRoot.resolve(PublishedEvents.schemaPath(eventType, revision));
    }

    static Optional<JsonNode> readSnapshot(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema snapshot " + file, e);
        }
    }

    static boolean writeRequested() {
        return Boolean.getBoolean(WRITE_PROPERTY);
    }

    /**
     * Writes the snapshot of a revision that has none. Never overwrites: a committed snapshot is the published
     * shape of that revision.
     *
     * @return true when it wrote the file, false when one already existed
     */
    static boolean writeIfMissing(Path file, JsonNode schema) {
        if (Files.exists(file)) {
            return false;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, toJson(schema), java.nio.file.StandardOpenOption.CREATE_NEW);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write schema snapshot " + file, e);
        }
    }

    /**
     * The differences between a committed schema and a generated one, one line each, as JSON pointers:
     * {@code /properties/ttl/type: "integer" became "string"}. Empty when they are equal (property order aside).
     */
    static List<String> differences(JsonNode committed, JsonNode generated) {
        List<String> out = new ArrayList<>();
        diff("", committed, generated, out);
        return out;
    }

    private static void diff(String path, JsonNode was, JsonNode now, List<String> out) {
        if (was.equals(now)) {
            return;
        }
        if (was.isObject() && now.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            was.fieldNames().forEachRemaining(names::add);
            now.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!now.has(name)) {
                    out.add(child + ": removed (was " + was.get(name) + ")");
                } else if (!was.has(name)) {
                    out.add(child + ": added (" + now.get(name) + ")");
                } else {
                    diff(child, was.get(name), now.get(name), out);
                }
            }
            return;
        }
        out.add((path.isEmpty() ? "/" : path) + ": " + was + " became " + now);
    }

    /** The property names of a generated schema in their order. */
    static List<String> propertyNames(JsonNode schema) {
        List<String> names = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        fields.forEachRemaining(e -> names.add(e.getKey()));
        return names;
    }

    static List<String> componentNames(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
