package io.chariot.personal.spring;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataAutoConfigurationTest {

    private final PersonalDataAutoConfiguration configuration = new PersonalDataAutoConfiguration();

    @Test
    void theDataKeysGetASmallPoolOfTheirOwnSoAKeyLoadInsideACommandsTransactionNeverWaitsForTheApplicationsPool() {
        var properties = new DataSourceProperties();
        properties.setUrl("jdbc:postgresql://127.0.0.1:5432/chariot");
        properties.setUsername("chariot");
        properties.setPassword("not-used-here");
        try (var application = new HikariDataSource();
             var connections = configuration.tenantKeyConnections(
                     new StaticListableBeanFactory(Map.of("properties", properties))
                             .getBeanProvider(DataSourceProperties.class), application)) {
            assertThat(connections.dataSource()).isNotSameAs(application).isInstanceOf(HikariDataSource.class);
            HikariDataSource own = (HikariDataSource) connections.dataSource();
            assertThat(own.getPoolName()).isEqualTo("tenant-keys");
            assertThat(own.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/chariot");
            assertThat(own.getUsername()).isEqualTo("chariot");
            assertThat(own.getMaximumPoolSize()).isEqualTo(2);
            assertThat(own.getMinimumIdle()).isZero();
        }
    }

    @Test
    void aDataSourceNotConfiguredFromSpringDatasourcePropertiesIsShared() {
        try (var application = new HikariDataSource();
             var connections = configuration.tenantKeyConnections(
                     new StaticListableBeanFactory().getBeanProvider(DataSourceProperties.class), application)) {
            assertThat(connections.dataSource()).isSameAs(application);
            assertThat(connections.own()).isNull();
        }
    }
}
