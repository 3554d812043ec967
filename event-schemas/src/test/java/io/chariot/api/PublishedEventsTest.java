package io.chariot.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** The registry of published events is complete and every event follows the conventions of the language. */
class PublishedEventsTest {

    private static final List<Class<?>> MAIN_CLASSES = mainClasses();

    @Test
    void everyEventClassOfThePublishedLanguageIsRegistered() {
        List<String> unregistered = MAIN_CLASSES.stream()
                                                .filter(c -> c.isAnnotationPresent(Revision.class))
                                                .filter(c -> !PublishedEvents.all().contains(c))
                                                .map(Class::getName)
                                                .toList();
        assertThat(MAIN_CLASSES).as("the scan found the published language").contains(PublishedEvents.class);
        assertThat(unregistered).as("events missing from PublishedEvents (so outside the compatibility gate)")
                                .isEmpty();
    }

    @Test
    void everyPublishedEventIsARevisedRecordInAContextPackage() {
        for (Class<? extends Record> event : PublishedEvents.all()) {
            assertThat(event.isRecord()).as(event.getName()).isTrue();
            assertThat(event.getAnnotation(Revision.class)).as(event.getName() + " @Revision").isNotNull();
            assertThat(PublishedEvents.contextOf(event)).as(event.getName()).matches("[a-z]+");
        }
        assertThat(new HashSet<>(PublishedEvents.all())).hasSameSizeAs(PublishedEvents.all());
    }

    @Test
    void noTwoPublishedEventsShareAContextAndASimpleName() {
        Set<String> seen = new HashSet<>();
        for (Class<?> event : PublishedEvents.all()) {
            assertThat(seen.add(PublishedEvents.contextOf(event) + "/" + event.getSimpleName()))
                    .as("snapshot directory of " + event.getName() + " is unique").isTrue();
        }
    }

    @Test
    void everyPublishedEventCarriesItsTenantWhoCausedItAndWhen() {
        for (Class<? extends Record> event : PublishedEvents.all()) {
            assertThat(componentType(event, "tenant")).as(event.getName() + ".tenant").isEqualTo(String.class);
            assertThat(componentType(event, "by")).as(event.getName() + ".by").isEqualTo(String.class);
            assertThat(componentType(event, "at")).as(event.getName() + ".at").isEqualTo(Instant.class);
        }
    }

    @Test
    void noCommandOrEventCarriesASecretOnlyItsHash() {
        List<String> secrets = MAIN_CLASSES.stream()
                                           .filter(Class::isRecord)
                                           .flatMap(c -> Arrays.stream(c.getRecordComponents())
                                                               .map(rc -> c.getName() + "." + rc.getName()))
                                           .filter(PublishedEventsTest::looksLikeASecret)
                                           .toList();
        assertThat(secrets).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyPublishedEventRoundTripsThroughAxonsJacksonSerializer() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        return PublishedEvents.all().stream().map(event -> dynamicTest(event.getSimpleName(), () -> {
            Record sample = sample(event);
            SerializedObject<byte[]> serialized = serializer.serialize(sample, byte[].class);

            assertThat(serialized.getType().getName()).isEqualTo(event.getName());
            assertThat(serialized.getType().getRevision()).isEqualTo(PublishedEvents.revisionOf(event));
            Object back = serializer.deserialize(serialized);
            assertThat(back).isEqualTo(sample);
        }));
    }

    private static boolean looksLikeASecret(String qualifiedComponent) {
        String name = qualifiedComponent.substring(qualifiedComponent.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean sensitive = name.contains("secret") || name.contains("password") || name.equals("token")
                            || name.equals("apikey");
        return sensitive && !name.endsWith("hash");
    }

    private static Class<?> componentType(Class<? extends Record> event, String name) {
        return Arrays.stream(event.getRecordComponents())
                     .filter(c -> c.getName().equals(name))
                     .map(RecordComponent::getType)
                     .findFirst()
                     .orElse(null);
    }

    /** An instance with a distinct, non-default value in every component. */
    static Record sample(Class<? extends Record> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i].getName(), components[i].getGenericType(), i);
        }
        Constructor<? extends Record> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(values);
    }

    private static Object sampleValue(String name, Type type, int index) {
        if (type == String.class) {
            return name + "-" + index;
        } else if (type == long.class || type == Long.class) {
            return 1_700_000_000L + index;
        } else if (type == int.class || type == Integer.class) {
            return 40 + index;
        } else if (type == boolean.class || type == Boolean.class) {
            return true;
        } else if (type == Instant.class) {
            return Instant.parse("2025-01-02T03:04:05.678Z").plusSeconds(index);
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class
                   && p.getActualTypeArguments()[0] == String.class) {
            return List.of(name + "-a", name + "-b");
        } else if (type instanceof ParameterizedType p && p.getRawType() == java.util.Map.class
                   && p.getActualTypeArguments()[0] == String.class && p.getActualTypeArguments()[1] == String.class) {
            return java.util.Map.of(name + "-key", name + "-value");
        } else if (type instanceof ParameterizedType p && p.getRawType() == java.util.Map.class
                   && p.getActualTypeArguments()[0] == String.class && p.getActualTypeArguments()[1] == Long.class) {
            return java.util.Map.of(name + "-key", 1_700_000_000L + index);
        } else if (type instanceof Class<?> c && c.isRecord()) {
            return nested(c.asSubclass(Record.class));
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class
                   && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return List.of(nested(c.asSubclass(Record.class)));
        }
        throw new IllegalArgumentException("no sample for component " + name + " of type " + type
                                           + ": extend PublishedEventsTest.sampleValue");
    }

    /** A nested value record (e.g. a result's items) sampled like an event. */
    private static Record nested(Class<? extends Record> type) {
        try {
            return sample(type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class compiled into this module's main output (a directory in the build, a jar elsewhere). */
    private static List<Class<?>> mainClasses() {
        try {
            Path location = Path.of(PublishedEvents.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                         .map(f -> location.relativize(f).toString().replace('\\', '/'))
                         .forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(names::add);
                }
            }
            List<Class<?>> classes = new ArrayList<>();
            for (String name : names) {
                if (!name.startsWith("io/chariot/api/") || name.endsWith("module-info.class")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                classes.add(Class.forName(className, false, PublishedEvents.class.getClassLoader()));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
