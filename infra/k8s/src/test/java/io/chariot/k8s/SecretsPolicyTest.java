package io.chariot.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets reach the pods only from an existing Kubernetes Secret (or Vault), never from values. */
class SecretsPolicyTest {

    /** The platform's secret variables (application.yml, docs/architecture.md). */
    private static final Set<String> SECRET_VARIABLES = Set.of("CHARIOT_JWT_SECRET", "CHARIOT_CRYPTO_MASTER_KEY",
            "CHARIOT_POSTGRES_PASSWORD", "CHARIOT_BOOTSTRAP_API_KEY_SECRET", "CHARIOT_SECRETS_KEY",
            "CHARIOT_NEO4J_PASSWORD");
    private static final Pattern SECRET_LIKE = Pattern.compile("SECRET|PASSWORD|MASTER_KEY|_KEY$|TOKEN");

    static Stream<Chart.Rendering> renderings() {
        return Stream.of(Chart.renderDefault(), Chart.renderProduction());
    }

    private static Stream<Container> containers(Chart.Rendering rendering) {
        return rendering.all(Deployment.class).stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream());
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void noSecretObjectIsRendered(Chart.Rendering rendering) {
        // The kind registry has no Secret: one rendered would fail the parse; nothing else may carry one either.
        assertThat(rendering.objects()).noneMatch(o -> o.getClass().getSimpleName().contains("Secret"));
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everySecretVariableComesFromTheExistingSecretByKeyReference(Chart.Rendering rendering) {
        containers(rendering).forEach(container -> {
            for (EnvVar variable : container.getEnv()) {
                if (SECRET_VARIABLES.contains(variable.getName()) || SECRET_LIKE.matcher(variable.getName()).find()) {
                    assertThat(variable.getValue()).as(variable.getName()).isNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("chariot-secrets");
                    assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isNotBlank();
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void theConfigMapHoldsNoSecretVariable(Chart.Rendering rendering) {
        assertThat(rendering.all(ConfigMap.class)).singleElement().satisfies(config -> {
            assertThat(config.getData()).containsKeys("CHARIOT_POSTGRES_URL", "CHARIOT_KAFKA_BOOTSTRAP",
                    "CHARIOT_REDIS_URL", "CHARIOT_NEO4J_URI");
            assertThat(config.getData().keySet()).noneMatch(SECRET_VARIABLES::contains)
                    .noneMatch(k -> SECRET_LIKE.matcher(k).find());
            // An empty value would override the application's default with nothing: left out instead.
            assertThat(config.getData().values()).allSatisfy(v -> assertThat(v).isNotEmpty());
        });
    }

    @Test
    void eachServiceGetsOnlyTheSecretsItNeeds() {
        Chart.Rendering rendering = Chart.renderDefault();
        // The edge checks no token and reads no body: it holds no secret at all.
        assertThat(secretsOf(rendering, "edge")).isEmpty();
        for (String service : Chart.SERVICES) {
            if (!service.equals("edge")) {
                // Every other service reads every store (its readiness checks them all): their passwords too. And
                // the secrets key: without it a service derives one from the JWT secret (SecretsConfiguration), so
                // a secret sealed by the account service would not open in the query service (webhook pins,
                // integration credentials) — one key everywhere or none anywhere.
                assertThat(secretsOf(rendering, service)).as(service).contains("CHARIOT_JWT_SECRET",
                        "CHARIOT_POSTGRES_PASSWORD", "CHARIOT_NEO4J_PASSWORD", "CHARIOT_CRYPTO_MASTER_KEY",
                        "CHARIOT_SECRETS_KEY");
            }
        }
        assertThat(secretsOf(rendering, "account")).contains("CHARIOT_BOOTSTRAP_API_KEY_SECRET");
        assertThat(secretsOf(rendering, "asset")).doesNotContain("CHARIOT_BOOTSTRAP_API_KEY_SECRET");
    }

    private static Stream<String> secretsOf(Chart.Rendering rendering, String service) {
        return rendering.of(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(EnvVar::getName);
    }

    @Test
    void aSecretVariableGivenInValuesIsRefused() {
        assertThatThrownBy(() -> Chart.render(Map.of("config.CHARIOT_JWT_SECRET", "a-secret-in-values")))
                .hasMessageContaining("config.CHARIOT_JWT_SECRET is a secret variable");
        assertThatThrownBy(() -> Chart.render(Map.of("services.asset.env.CHARIOT_POSTGRES_PASSWORD", "pw")))
                .hasMessageContaining("services.asset.env.CHARIOT_POSTGRES_PASSWORD is a secret variable");
    }

    @Test
    void withoutTheNameOfAnExistingSecretTheChartDoesNotRender() {
        assertThatThrownBy(() -> Chart.render(Map.of("secrets.existingSecret", "")))
                .hasMessageContaining("secrets.existingSecret");
    }

    @Test
    void withVaultTheAgentWritesEachSecretAsAFileSpringReadsAndNoSecretVariableIsSet() {
        Deployment account = Chart.render(Map.of("vault.enabled", true)).of(Deployment.class, "account");
        Map<String, String> annotations = account.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("vault.hashicorp.com/agent-inject", "true")
                .containsEntry("vault.hashicorp.com/agent-inject-secret-CHARIOT_JWT_SECRET",
                        "secret/data/chariot/jwt-secret")
                .containsEntry("vault.hashicorp.com/agent-inject-template-chariot.secrets.key",
                        "{{- with secret \"secret/data/chariot/secrets-key\" -}}{{ .Data.data.value }}{{- end -}}");
        Container container = account.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).noneMatch(e -> e.getValueFrom() != null
                && e.getValueFrom().getSecretKeyRef() != null);
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("SPRING_CONFIG_IMPORT")).singleElement()
                .extracting(EnvVar::getValue).isEqualTo("optional:configtree:/vault/secrets/");
        assertThat(account.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isTrue();
    }

    @Test
    void withVaultAServiceWithoutSecretsGetsNoAgent() {
        Deployment edge = Chart.render(Map.of("vault.enabled", true)).of(Deployment.class, "edge");
        assertThat(edge.getSpec().getTemplate().getMetadata().getAnnotations())
                .doesNotContainKey("vault.hashicorp.com/agent-inject");
        assertThat(edge.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    }
}
