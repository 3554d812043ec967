package io.chariot.personal.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.chariot.personal.MasterKey;
import io.chariot.personal.PersonalDataModule;
import io.chariot.personal.PersonalFieldCipher;
import io.chariot.personal.TenantKeyStore;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * Crypto-shredding in a Spring Boot deployable: the tenants' data keys ({@link TenantKeyStore}, also the
 * {@link io.chariot.api.personal.TenantDataKeys} the tenant purge calls) and the Axon event serializer that encrypts
 * personal fields. The event serializer is Axon's Jackson one over a copy of Spring's ObjectMapper with
 * {@link PersonalDataModule} added: the HTTP ObjectMapper and the general and message serializers stay as they are.
 * Before Axon's auto-configuration, whose {@code eventSerializer} yields to this one.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnClass({JacksonSerializer.class, DataSource.class})
@EnableConfigurationProperties(CryptoSettings.class)
public class PersonalDataAutoConfiguration {

    /**
     * The data keys' connections, apart from the application's pool: a key is loaded while an event is serialized,
     * inside a command's transaction that already holds a pooled connection. From the same pool, as many concurrent
     * commands as it has connections, all waiting for one tenant's key, left its loader none — every write of the
     * tenant stalled until the pool's time-out (seen at 16 concurrent writes on a pool of 6). Two connections at most,
     * none kept idle: keys are loaded rarely (cache ttl).
     */
    @Bean
    TenantKeyConnections tenantKeyConnections(ObjectProvider<DataSourceProperties> properties, DataSource dataSource) {
        DataSourceProperties settings = properties.getIfAvailable();
        if (settings == null || settings.getUrl() == null) {
            return new TenantKeyConnections(dataSource, null); // a DataSource not from spring.datasource.*: shared
        }
        HikariDataSource own = settings.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        own.setPoolName("tenant-keys");
        own.setMaximumPoolSize(2);
        own.setMinimumIdle(0);
        return new TenantKeyConnections(own, own);
    }

    /** The data keys' connections; a pool of their own is closed with the context. */
    record TenantKeyConnections(DataSource dataSource, HikariDataSource own) implements AutoCloseable {
        @Override
        public void close() {
            if (own != null) {
                own.close();
            }
        }
    }

    @Bean
    TenantKeyStore tenantDataKeys(TenantKeyConnections connections, CryptoSettings settings, Environment environment) {
        // The same fallback as the secrets key (web-support's SecretsConfiguration), read here without depending
        // on web-support: the JWT secret's own binding lives there.
        String jwtSecret = Binder.get(environment).bind("chariot.security.jwt-secret", String.class).orElse("");
        return new TenantKeyStore(connections.dataSource(), MasterKey.resolve(settings.masterKey(), jwtSecret),
                settings.keyCacheTtl(), settings.keyCacheTenants());
    }

    @Bean
    PersonalFieldCipher personalFieldCipher(TenantKeyStore keys) {
        return new PersonalFieldCipher(keys);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper objectMapper, RevisionResolver revisionResolver,
                               PersonalFieldCipher cipher, ApplicationContext context) {
        return JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(context.getClassLoader()))
                .objectMapper(objectMapper.copy().registerModule(new PersonalDataModule(cipher)))
                .build();
    }
}
