package io.chariot.query.explorer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.websupport.security.Operators;
import io.chariot.query.explorer.access.ExplorerAccess;
import io.chariot.query.explorer.api.EventsController;
import io.chariot.query.explorer.export.EventExport;
import io.chariot.query.explorer.store.EventStoreReader;
import io.chariot.query.explorer.travel.AggregateReplay;
import io.chariot.query.explorer.view.EventViews;
import io.chariot.query.explorer.view.DecryptingPersonalData;
import io.chariot.query.explorer.view.PersonalData;
import io.chariot.personal.PersonalFieldCipher;
import io.chariot.personal.TenantKeyStore;
import io.chariot.query.explorer.view.SecretRedaction;
import io.chariot.query.explorer.web.ExplorerController;
import io.chariot.query.explorer.web.ExplorerErrors;
import io.chariot.query.explorer.web.ExplorerSecurity;
import io.chariot.query.explorer.web.LoginController;
import io.chariot.query.explorer.web.OperationsController;
import io.chariot.query.explorer.web.ExplorerPages;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.chariot.query.QueryApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The event explorer: the {@code /events} API and the {@code /explorer} web UI over the event store. It reads Axon's
 * JDBC event store table, so it is off where the events live in Axon Server ({@code axon.axonserver.enabled=true}),
 * which has its own event search.
 */
@AutoConfiguration(afterName = "io.chariot.websupport.security.SecurityConfiguration")
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
@QueryApi
@EnableConfigurationProperties(ExplorerProperties.class)
@Import({EventsController.class, ExplorerController.class, OperationsController.class, LoginController.class,
        ExplorerPages.class, ExplorerErrors.class})
public class ExplorerConfiguration {

    @Bean
    EventStoreReader explorerEventStoreReader(JdbcTemplate jdbc, PersonalData personalData) {
        return new EventStoreReader(jdbc, personalData);
    }

    /** Decrypting where crypto-shredding runs (personal-data's auto-configuration), as stored otherwise. */
    @Bean
    @ConditionalOnMissingBean
    PersonalData personalData(ObjectProvider<PersonalFieldCipher> cipher, ObjectProvider<TenantKeyStore> keys) {
        PersonalFieldCipher c = cipher.getIfAvailable();
        TenantKeyStore k = keys.getIfAvailable();
        return c != null && k != null ? new DecryptingPersonalData(c, k) : PersonalData.AS_STORED;
    }

    @Bean
    EventViews explorerEventViews(ObjectMapper json, PersonalData personalData) {
        return new EventViews(json, new SecretRedaction(json), personalData);
    }

    @Bean
    ExplorerAccess explorerAccess(Operators operators) {
        return new ExplorerAccess(operators);
    }

    @Bean
    AggregateReplay aggregateReplay(ObjectProvider<Configuration> axon, EventStore eventStore, ObjectMapper json) {
        return new AggregateReplay(axon, eventStore, json);
    }

    @Bean
    EventExplorer eventExplorer(EventStoreReader reader, EventViews views, ExplorerAccess access,
                                AggregateReplay replay, ExplorerProperties properties) {
        return new EventExplorer(reader, views, access, replay, properties);
    }

    @Bean
    EventExport eventExport(EventExplorer explorer, ObjectMapper json) {
        return new EventExport(explorer, json);
    }

    /** Before the API's chain, which takes every other path. */
    @Bean
    @Order(1)
    SecurityFilterChain explorerSecurity(HttpSecurity http, JwtDecoder chariotJwtDecoder) throws Exception {
        return ExplorerSecurity.chain(http, chariotJwtDecoder);
    }
}
