package io.chariot.migration.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chariot.migration.source.Json;
import io.chariot.personal.MasterKey;
import io.chariot.personal.PersonalDataModule;
import io.chariot.personal.PersonalFieldCipher;
import io.chariot.personal.TenantKeyStore;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The platform's PostgreSQL event store, written as the platform writes it: the rows of Axon's {@code
 * JdbcEventStorageEngine}, payloads and metadata by a {@link JacksonSerializer} configured like Spring Boot's (the
 * platform's {@code axon.serializer.events: jackson}), but appended with {@code COPY} ({@link EventCopy}), inside
 * Spring transactions, so the replayer's own checkpoint rows commit in the same transaction as the events they count.
 * The replayer's tables ({@code migration_batch}, {@code migration_conflict}) are its own.
 */
public final class EventStore implements AutoCloseable {

    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final TransactionTemplate tx;
    private final JacksonSerializer serializer;

    /** Where {@code ./chariot up} keeps the JWT secret it draws on first start, in its work dir. */
    public static final String JWT_SECRET_FILE = "jwt-secret";

    /** With the master key of this process's environment ({@link #masterKey}). */
    public EventStore(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, masterKey(System.getenv(), null));
    }

    /**
     * The master key the platform wraps tenants' data keys with, from the same settings: {@code
     * CHARIOT_CRYPTO_MASTER_KEY}, else derived from {@code CHARIOT_JWT_SECRET}, else from the JWT secret
     * {@code ./chariot up} keeps in its work dir ({@code chariotWorkDir}, may be null), else the development key.
     */
    public static MasterKey masterKey(Map<String, String> env, Path chariotWorkDir) {
        String jwtSecret = env.get("CHARIOT_JWT_SECRET");
        Path jwtSecretFile = chariotWorkDir == null ? null : chariotWorkDir.resolve(JWT_SECRET_FILE);
        if ((jwtSecret == null || jwtSecret.isBlank()) && jwtSecretFile != null && Files.isRegularFile(jwtSecretFile)) {
            try {
                jwtSecret = Files.readString(jwtSecretFile).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return MasterKey.resolve(env.get("CHARIOT_CRYPTO_MASTER_KEY"), jwtSecret);
    }

    /**
     * Events are written as the platform writes them, personal fields encrypted under their tenant's data key
     * (ADR 0019): the same Jackson module over the same key table, so a replayed import reads like a live one and
     * is erased like one.
     */
    public EventStore(String url, String user, String password, int poolSize, MasterKey master) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("migration");
        config.setAutoCommit(true);
        dataSource = new HikariDataSource(config);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(transactions);
        serializer = JacksonSerializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(EventStore.class.getClassLoader()))
                .objectMapper(Json.MAPPER.copy().registerModule(new PersonalDataModule(new PersonalFieldCipher(
                        new TenantKeyStore(dataSource, master, Duration.ofMinutes(5), 10_000)))))
                .build();
    }

    /** Fails with a clear message when the database holds no event store; creates the replayer's own tables. */
    public void ensureSchema() {
        Boolean present = jdbc.queryForObject("SELECT to_regclass('domainevententry') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(present)) {
            throw new IllegalStateException("the database holds no event store (table domainevententry): start the "
                    + "platform against it once first");
        }
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS migration_batch (
                    source     VARCHAR(255) NOT NULL,
                    plan_hash  VARCHAR(64)  NOT NULL,
                    first_unit INTEGER      NOT NULL,
                    last_unit  INTEGER      NOT NULL,
                    records    INTEGER      NOT NULL,
                    events     INTEGER      NOT NULL,
                    done_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
                    PRIMARY KEY (source, plan_hash, first_unit)
                )""");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS migration_conflict (
                    source       VARCHAR(255) NOT NULL,
                    aggregate_id TEXT         NOT NULL,
                    legacy_key   TEXT,
                    tenant       TEXT,
                    reason       TEXT         NOT NULL,
                    PRIMARY KEY (source, aggregate_id)
                )""");
    }

    /** The metadata column of an imported event, as the serializer writes {@code metaData}. */
    byte[] metaData(MetaData metaData) {
        return serializer.serialize(metaData, byte[].class).getData();
    }

    /**
     * Appends {@code rows} with one COPY on the current transaction's connection: all of them or, on any failure
     * (a duplicate key is a {@link org.springframework.dao.DataIntegrityViolationException}), none.
     */
    void append(List<EventCopy.Row> rows, Instant timeStamp) {
        byte[] encoded = EventCopy.encode(rows, DateTimeUtils.formatInstant(timeStamp), serializer);
        jdbc.execute((ConnectionCallback<Long>) connection -> EventCopy.copy(connection, encoded));
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
