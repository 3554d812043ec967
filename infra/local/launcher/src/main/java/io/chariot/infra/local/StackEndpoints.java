package io.chariot.infra.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the servers of a local stack answer. This class owns the one format of the endpoints file
 * ({@code <work-dir>/endpoints.properties}, which a running stack writes and deletes on shutdown) and of the
 * {@code CHARIOT_*} environment variables that name external servers or are handed to the platform.
 *
 * <p>Endpoint values may be {@code null} when built from a partial environment. {@code attributes} holds whatever else
 * the stack records (PostgreSQL settings, the stack's pid, which servers are external...), keyed as in the file.
 */
public record StackEndpoints(
        String postgresJdbcUrl,
        String postgresUser,
        String postgresPassword,
        String kafkaBootstrap,
        String dynamodbEndpoint,
        String neo4jUri,
        String redisUrl,
        Map<String, String> attributes) {

    /** The endpoints file's name inside a work directory. */
    public static final String FILE_NAME = "endpoints.properties";

    // Keys of the endpoints file.
    public static final String KEY_POSTGRES_URL = "postgres.url";
    public static final String KEY_POSTGRES_USER = "postgres.user";
    public static final String KEY_POSTGRES_PASSWORD = "postgres.password";
    public static final String KEY_KAFKA_BOOTSTRAP = "kafka.bootstrap";
    public static final String KEY_DYNAMODB_ENDPOINT = "dynamodb.endpoint";
    public static final String KEY_NEO4J_URI = "neo4j.uri";
    public static final String KEY_REDIS_URL = "redis.url";
    /** Attribute: the pid of the JVM that runs the stack. */
    public static final String ATTR_STACK_PID = "stack.pid";

    // Environment variables: an external server, and what a child process of the stack receives.
    public static final String ENV_POSTGRES_URL = "CHARIOT_POSTGRES_URL";
    public static final String ENV_POSTGRES_USER = "CHARIOT_POSTGRES_USER";
    public static final String ENV_POSTGRES_PASSWORD = "CHARIOT_POSTGRES_PASSWORD";
    public static final String ENV_KAFKA_BOOTSTRAP = "CHARIOT_KAFKA_BOOTSTRAP";
    public static final String ENV_DYNAMODB_ENDPOINT = "CHARIOT_DYNAMODB_ENDPOINT";
    public static final String ENV_NEO4J_URI = "CHARIOT_NEO4J_URI";
    public static final String ENV_REDIS_URL = "CHARIOT_REDIS_URL";

    public static final String DEFAULT_POSTGRES_USER = "postgres";
    public static final String DEFAULT_POSTGRES_PASSWORD = "postgres";

    private static final String[][] ENDPOINT_KEYS = {
            {KEY_POSTGRES_URL, ENV_POSTGRES_URL},
            {KEY_POSTGRES_USER, ENV_POSTGRES_USER},
            {KEY_POSTGRES_PASSWORD, ENV_POSTGRES_PASSWORD},
            {KEY_KAFKA_BOOTSTRAP, ENV_KAFKA_BOOTSTRAP},
            {KEY_DYNAMODB_ENDPOINT, ENV_DYNAMODB_ENDPOINT},
            {KEY_NEO4J_URI, ENV_NEO4J_URI},
            {KEY_REDIS_URL, ENV_REDIS_URL},
    };

    public StackEndpoints {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
    }

    public StackEndpoints(String postgresJdbcUrl, String postgresUser, String postgresPassword, String kafkaBootstrap,
                          String dynamodbEndpoint, String neo4jUri, String redisUrl) {
        this(postgresJdbcUrl, postgresUser, postgresPassword, kafkaBootstrap, dynamodbEndpoint, neo4jUri, redisUrl,
                Map.of());
    }

    // ---------------------------------------------------------------------------------------------- the file

    /** {@code <workDir>/endpoints.properties}. */
    public static Path file(Path workDir) {
        return workDir.resolve(FILE_NAME);
    }

    /** Reads the endpoints file of a work directory. */
    public static StackEndpoints read(Path workDir) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file(workDir), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return fromProperties(properties);
    }

    /** The endpoints file of a work directory, if there is one. */
    public static Optional<StackEndpoints> readIfPresent(Path workDir) {
        try {
            return Optional.of(read(workDir));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(workDir), e);
        }
    }

    /**
     * Where a CLI finds the stack: the endpoints file of {@code workDir} if present, with the {@code CHARIOT_*}
     * variables of the process overriding it; empty when neither names all five servers.
     */
    public static Optional<StackEndpoints> discover(Path workDir) {
        StackEndpoints found = readIfPresent(workDir)
                .map(e -> e.overlay(System.getenv()))
                .orElseGet(StackEndpoints::fromEnvironment);
        return found.isComplete() ? Optional.of(found) : Optional.empty();
    }

    /** Writes the endpoints file atomically (readers never see half a file). */
    public void write(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path target = file(workDir);
        Path tmp = Files.createTempFile(workDir, FILE_NAME, ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                writer.write(toFileText());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file's text: endpoints first, then the attributes, sorted; no timestamp line. */
    public String toFileText() {
        StringWriter out = new StringWriter();
        out.write("# Chariot local stack endpoints (written by the stack, deleted when it stops)\n");
        Properties properties = toProperties();
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String[] key : ENDPOINT_KEYS) {
            if (properties.containsKey(key[0])) {
                ordered.put(key[0], properties.getProperty(key[0]));
            }
        }
        attributes.forEach(ordered::putIfAbsent);
        ordered.forEach((key, value) -> out.write(escape(key, true) + "=" + escape(value, false) + "\n"));
        return out.toString();
    }

    /**
     * Minimal {@link Properties} escaping, so that {@code grep '^postgres.url=' | cut -d= -f2-} works from a shell:
     * colons and equals signs in values stay as they are (the loader only splits at the first separator).
     */
    private static String escape(String text, boolean key) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\f' -> escaped.append("\\f");
                case ' ' -> escaped.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> escaped.append(key || (i == 0 && c != '=' && c != ':') ? "\\" + c : String.valueOf(c));
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    public Properties toProperties() {
        Properties properties = new Properties();
        attributes.forEach(properties::setProperty);
        putIfNotNull(properties, KEY_POSTGRES_URL, postgresJdbcUrl);
        putIfNotNull(properties, KEY_POSTGRES_USER, postgresUser);
        putIfNotNull(properties, KEY_POSTGRES_PASSWORD, postgresPassword);
        putIfNotNull(properties, KEY_KAFKA_BOOTSTRAP, kafkaBootstrap);
        putIfNotNull(properties, KEY_DYNAMODB_ENDPOINT, dynamodbEndpoint);
        putIfNotNull(properties, KEY_NEO4J_URI, neo4jUri);
        putIfNotNull(properties, KEY_REDIS_URL, redisUrl);
        return properties;
    }

    public static StackEndpoints fromProperties(Properties properties) {
        Map<String, String> attributes = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            attributes.put(name, properties.getProperty(name));
        }
        for (String[] key : ENDPOINT_KEYS) {
            attributes.remove(key[0]);
        }
        return new StackEndpoints(
                properties.getProperty(KEY_POSTGRES_URL),
                properties.getProperty(KEY_POSTGRES_USER, DEFAULT_POSTGRES_USER),
                properties.getProperty(KEY_POSTGRES_PASSWORD, DEFAULT_POSTGRES_PASSWORD),
                properties.getProperty(KEY_KAFKA_BOOTSTRAP),
                properties.getProperty(KEY_DYNAMODB_ENDPOINT),
                properties.getProperty(KEY_NEO4J_URI),
                properties.getProperty(KEY_REDIS_URL),
                attributes);
    }

    // ---------------------------------------------------------------------------------------------- the environment

    /** The endpoints named by this process's {@code CHARIOT_*} variables ({@code null} where unset). */
    public static StackEndpoints fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The endpoints named by {@code CHARIOT_*} variables of {@code env} ({@code null} where unset). */
    public static StackEndpoints fromEnvironment(Map<String, String> env) {
        return new StackEndpoints(null, DEFAULT_POSTGRES_USER, DEFAULT_POSTGRES_PASSWORD, null, null, null, null)
                .overlay(env);
    }

    /** A copy with every endpoint that {@code env} names replaced by the variable's value. */
    public StackEndpoints overlay(Map<String, String> env) {
        return new StackEndpoints(
                pick(env, ENV_POSTGRES_URL, postgresJdbcUrl),
                pick(env, ENV_POSTGRES_USER, postgresUser),
                pick(env, ENV_POSTGRES_PASSWORD, postgresPassword),
                pick(env, ENV_KAFKA_BOOTSTRAP, kafkaBootstrap),
                pick(env, ENV_DYNAMODB_ENDPOINT, dynamodbEndpoint),
                pick(env, ENV_NEO4J_URI, neo4jUri),
                pick(env, ENV_REDIS_URL, redisUrl),
                attributes);
    }

    /** Whether {@code env} names all five servers, so that nothing needs starting. */
    public static boolean environmentNamesAllServers(Map<String, String> env) {
        return fromEnvironment(env).isComplete();
    }

    /** The {@code CHARIOT_*} variables for a process that should use these endpoints (unset endpoints left out). */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        Properties properties = toProperties();
        for (String[] key : ENDPOINT_KEYS) {
            String value = properties.getProperty(key[0]);
            if (value != null) {
                env.put(key[1], value);
            }
        }
        return env;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Whether all five servers are named. */
    public boolean isComplete() {
        return notBlank(postgresJdbcUrl) && notBlank(kafkaBootstrap) && notBlank(dynamodbEndpoint)
                && notBlank(neo4jUri) && notBlank(redisUrl);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** The pid of the JVM that runs the stack, if recorded. */
    public Optional<Long> stackPid() {
        return attribute(ATTR_STACK_PID).map(Long::parseLong);
    }

    public StackEndpoints withAttributes(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(attributes);
        merged.putAll(more);
        return new StackEndpoints(postgresJdbcUrl, postgresUser, postgresPassword, kafkaBootstrap, dynamodbEndpoint,
                neo4jUri, redisUrl, merged);
    }

    /** One line for humans: {@code postgres=… kafka=… dynamodb=… neo4j=… redis=…} (servers not named left out). */
    public String summary() {
        StringBuilder line = new StringBuilder();
        String[][] named = {{"postgres", postgresJdbcUrl}, {"kafka", kafkaBootstrap}, {"dynamodb", dynamodbEndpoint},
                {"neo4j", neo4jUri}, {"redis", redisUrl}};
        for (String[] server : named) {
            if (server[1] != null) {
                line.append(line.isEmpty() ? "" : " ").append(server[0]).append('=').append(server[1]);
            }
        }
        return line.toString();
    }

    private static String pick(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return notBlank(value) ? value.trim() : fallback;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static void putIfNotNull(Properties properties, String key, String value) {
        if (value != null) {
            properties.setProperty(key, value);
        }
    }

    @Override
    public String toString() {
        // Leave the password out of logs.
        return "StackEndpoints[" + summary() + " user=" + postgresUser + "]";
    }
}
