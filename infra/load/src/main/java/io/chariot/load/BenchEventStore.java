package io.chariot.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chariot.api.EventUpcasters;
import io.chariot.infra.local.StackEndpoints;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's event store, assembled by hand the way Axon's Spring Boot auto-configuration builds it for the
 * platform ({@code axon.serializer.events: jackson}): a {@link JdbcEventStorageEngine} with its defaults (batch size
 * 100, default schema), a {@link JacksonSerializer} over an ObjectMapper configured like Spring Boot's (ISO
 * instants, unknown properties ignored, {@code non_null}), the published upcaster chain, Spring transactions over a
 * Hikari pool, and an {@link EmbeddedEventStore} on top. Flyway applies the platform's and the projections'
 * migrations first, so a fresh stack gets the event store and the read-alias tables.
 */
final class BenchEventStore implements AutoCloseable {

    final ObjectMapper objectMapper;
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final TransactionTemplate tx;
    final JdbcEventStorageEngine engine;
    final EmbeddedEventStore eventStore;
    final JacksonSerializer serializer;
    final SpringTransactionManager axonTransactions;

    BenchEventStore(StackEndpoints endpoints, Path platformMigrations, int poolSize) {
        objectMapper = JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(endpoints.postgresJdbcUrl());
        config.setUsername(endpoints.postgresUser());
        config.setPassword(endpoints.postgresPassword());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("bench-eventstore");
        dataSource = new HikariDataSource(config);
        migrate(platformMigrations);

        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(transactions);
        serializer = JacksonSerializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(BenchEventStore.class.getClassLoader()))
                .objectMapper(objectMapper)
                .build();
        PersistenceExceptionResolver exceptions = new JdbcSQLErrorCodesResolver();
        engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .upcasterChain(EventUpcasters.chain())
                .persistenceExceptionResolver(exceptions)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(axonTransactions = new SpringTransactionManager(transactions))
                .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    /** V1 (event store) from the platform's sources, V20 (read alias, checkpoints) from the projections jar. */
    private void migrate(Path platformMigrations) {
        List<String> locations = new ArrayList<>();
        if (platformMigrations != null) {
            if (!Files.isDirectory(platformMigrations)) {
                // Without it the event store has no table, and the first query says only that.
                throw new IllegalArgumentException("no event store migrations at " + platformMigrations.toAbsolutePath()
                        + " (V1__axon_event_store.sql lives in service-runtime/src/main/resources/db/migration)");
            }
            locations.add("filesystem:" + platformMigrations.toAbsolutePath().normalize());
        }
        locations.add("classpath:db/migration");
        Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                // Other contexts' migrations (V2, V3: accounts) are not on this classpath; the platform adds them.
                .ignoreMigrationPatterns("*:missing", "*:future")
                .outOfOrder(true)
                .load()
                .migrate();
    }

    /** Events stored now (exact count; a few hundred ms on a million rows). */
    long eventCount() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return n == null ? 0 : n;
    }

    long eventBytes() {
        Long n = jdbc.queryForObject("SELECT pg_total_relation_size('domainevententry')", Long.class);
        return n == null ? 0 : n;
    }

    /** Appends one batch of events in one transaction (Axon: one JDBC batch). */
    void append(List<? extends EventMessage<?>> events) {
        engine.appendEvents(events);
    }

    @Override
    public void close() {
        eventStore.shutDown();
        dataSource.close();
    }
}
