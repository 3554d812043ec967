package io.chariot.platform;

import io.chariot.account.token.BootstrapKey;
import io.chariot.personal.spring.CryptoSettings;
import io.chariot.websupport.secrets.SecretsSettings;
import io.chariot.websupport.security.OperatorSettings;
import io.chariot.websupport.security.SecuritySettings;
import io.chariot.projections.ReadStoreConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingProperties;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.Transport;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment variables the README and {@code ./chariot} tell users to set still reach the typed settings:
 * by Spring's relaxed binding, or through the runtime's {@code chariot-defaults.yml} (every deployable's defaults) where their names would not bind.
 */
class EnvironmentVariablesTest {

    private static Binder with(Map<String, Object> variables) throws Exception {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        new YamlPropertySourceLoader().load("defaults", new ClassPathResource("chariot-defaults.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment);
    }

    @Test
    void theBootstrapVariablesGiveTheFirstKeyAndTheOperator() throws Exception {
        Binder binder = with(Map.of("CHARIOT_BOOTSTRAP_TENANT", "ops@example.com",
                "CHARIOT_BOOTSTRAP_API_KEY_ID", "key-1", "CHARIOT_BOOTSTRAP_API_KEY_SECRET", "s3cret"));
        assertThat(binder.bindOrCreate("chariot.bootstrap", BootstrapKey.class))
                .isEqualTo(new BootstrapKey("ops@example.com", "key-1", "s3cret"));
        assertThat(binder.bindOrCreate("chariot", OperatorSettings.class).operators()).isEqualTo("ops@example.com");
    }

    @Test
    void anOperatorsVariableTakesThePlaceOfTheBootstrapTenant() throws Exception {
        Binder binder = with(Map.of("CHARIOT_BOOTSTRAP_TENANT", "ops@example.com",
                "CHARIOT_OPERATORS", "a@example.com,b@example.com"));
        assertThat(binder.bindOrCreate("chariot", OperatorSettings.class).operators())
                .isEqualTo("a@example.com,b@example.com");
    }

    @Test
    void theSecretsReachTheSecuritySettings() throws Exception {
        Binder binder = with(Map.of("CHARIOT_JWT_SECRET", "a-jwt-secret-of-at-least-32-bytes!!",
                "CHARIOT_SECRETS_KEY", "c2VjcmV0"));
        assertThat(binder.bindOrCreate("chariot.security", SecuritySettings.class).jwtSecret())
                .isEqualTo("a-jwt-secret-of-at-least-32-bytes!!");
        assertThat(binder.bindOrCreate("chariot.secrets", SecretsSettings.class).key()).isEqualTo("c2VjcmV0");
    }

    @Test
    void theMasterKeyVariableReachesTheCryptoSettings() throws Exception {
        Binder binder = with(Map.of("CHARIOT_CRYPTO_MASTER_KEY", "bWFzdGVy"));
        assertThat(binder.bindOrCreate("chariot.crypto", CryptoSettings.class).masterKey()).isEqualTo("bWFzdGVy");
        assertThat(with(Map.of()).bindOrCreate("chariot.crypto", CryptoSettings.class).masterKey()).isEmpty();
    }

    @Test
    void theStoreVariablesReachTheReadStoreClients() throws Exception {
        Binder binder = with(Map.of("CHARIOT_DYNAMODB_ENDPOINT", "http://127.0.0.1:18000",
                "CHARIOT_NEO4J_URI", "bolt://127.0.0.1:17687", "CHARIOT_NEO4J_USER", "neo4j",
                "CHARIOT_NEO4J_PASSWORD", "pw", "CHARIOT_NEO4J_LIVEBATCHES", "false",
                "CHARIOT_NEO4J_GROUPEDSTATEMENTS", "false",
                "CHARIOT_REDIS_URL", "redis://127.0.0.1:16379"));
        assertThat(binder.bindOrCreate("chariot.dynamodb", ReadStoreConfiguration.DynamoDb.class).endpoint())
                .isEqualTo("http://127.0.0.1:18000");
        assertThat(binder.bindOrCreate("chariot.neo4j", ReadStoreConfiguration.Neo4j.class))
                .isEqualTo(new ReadStoreConfiguration.Neo4j("bolt://127.0.0.1:17687", "neo4j", "pw", false, false));
        assertThat(binder.bindOrCreate("chariot.redis", ReadStoreConfiguration.Redis.class).url())
                .isEqualTo("redis://127.0.0.1:16379");
    }

    @Test
    void theTracingVariablesChooseTheOtlpCollectorItsTransportAndTheSampling() throws Exception {
        Binder binder = with(Map.of("MANAGEMENT_OTLP_TRACING_ENDPOINT", "http://127.0.0.1:4317",
                "CHARIOT_OTLP_TRANSPORT", "grpc", "CHARIOT_TRACING_SAMPLING", "0.5"));
        OtlpTracingProperties otlp = binder.bindOrCreate("management.otlp.tracing", OtlpTracingProperties.class);
        assertThat(otlp.getEndpoint()).isEqualTo("http://127.0.0.1:4317");
        assertThat(otlp.getTransport()).isEqualTo(Transport.GRPC);
        assertThat(binder.bind("management.tracing.sampling.probability", Float.class).get()).isEqualTo(0.5f);
    }

    @Test
    void withoutVariablesTheLocalDefaultsApply() throws Exception {
        Binder binder = with(Map.of());
        assertThat(binder.bindOrCreate("chariot.bootstrap", BootstrapKey.class))
                .isEqualTo(new BootstrapKey("", "", ""));
        assertThat(binder.bindOrCreate("chariot", OperatorSettings.class).operators()).isEmpty();
        assertThat(binder.bindOrCreate("chariot.redis", ReadStoreConfiguration.Redis.class).url())
                .isEqualTo("redis://127.0.0.1:6379");
        assertThat(binder.bindOrCreate("chariot.dynamodb", ReadStoreConfiguration.DynamoDb.class).endpoint()).isEmpty();
        // No collector: nothing is exported; named one, it is spoken to over OTLP/HTTP.
        OtlpTracingProperties otlp = binder.bindOrCreate("management.otlp.tracing", OtlpTracingProperties.class);
        assertThat(otlp.getEndpoint()).isNull();
        assertThat(otlp.getTransport()).isEqualTo(Transport.HTTP);
    }
}
