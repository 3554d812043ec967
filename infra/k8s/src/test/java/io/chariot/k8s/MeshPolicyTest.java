package io.chariot.k8s;

import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Istio: mTLS only, who may call whom, the circuit breakers and the cut-over from the legacy API. */
class MeshPolicyTest {

    private static final String EDGE = "cluster.local/ns/chariot/sa/chariot-edge";
    private static final String SAGAS = "cluster.local/ns/chariot/sa/chariot-sagas";
    private static final String INGRESS = "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";

    static Stream<Chart.Rendering> renderings() {
        return Stream.of(Chart.renderDefault(), Chart.renderProduction());
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void theNamespaceAcceptsMutualTlsOnlyStrict(Chart.Rendering rendering) {
        assertThat(rendering.all(PeerAuthentication.class)).singleElement().satisfies(p -> {
            assertThat(p.getSpec().getSelector()).isNull();
            assertThat(p.getSpec().getMtls().getMode()).isEqualTo(PeerAuthenticationMutualTLSMode.STRICT);
            assertThat(p.getSpec().getPortLevelMtls()).isNullOrEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyServiceHasAnAuthorizationPolicyForItsPodsAndAPodDisruptionBudget(Chart.Rendering rendering) {
        for (String service : Chart.SERVICES) {
            Map<String, String> pods = rendering.of(Deployment.class, service).getSpec().getSelector().getMatchLabels();
            AuthorizationPolicy policy = rendering.of(AuthorizationPolicy.class, service);
            assertThat(policy.getSpec().getAction()).isEqualTo(AuthorizationPolicyAction.ALLOW);
            assertThat(policy.getSpec().getSelector().getMatchLabels()).isEqualTo(pods);
            PodDisruptionBudget budget = rendering.of(PodDisruptionBudget.class, service);
            assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(pods);
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        }
    }

    @Test
    void whatNoPolicyAllowsIsDeniedForTheWholeNamespace() {
        AuthorizationPolicy allowNothing = Chart.renderDefault().all(AuthorizationPolicy.class).stream()
                .filter(p -> p.getMetadata().getName().equals("allow-nothing")).findFirst().orElseThrow();
        assertThat(allowNothing.getSpec().getSelector()).isNull();
        assertThat(allowNothing.getSpec().getRules()).isNullOrEmpty();
    }

    /** The principals allowed on the API port (8080) of a service. */
    private static Set<String> apiCallers(Chart.Rendering rendering, String service) {
        return rules(rendering, service).stream()
                .filter(r -> r.getTo().stream().allMatch(t -> t.getOperation().getPorts().equals(List.of("8080"))))
                .flatMap(r -> r.getFrom().stream()).flatMap(f -> f.getSource().getPrincipals().stream())
                .collect(Collectors.toSet());
    }

    private static List<Rule> rules(Chart.Rendering rendering, String service) {
        List<Rule> rules = rendering.of(AuthorizationPolicy.class, service).getSpec().getRules();
        return rules == null ? List.of() : rules;
    }

    @Test
    void theCommandServicesAreCalledByTheEdgeAndTheSagasOnly() {
        Chart.Rendering rendering = Chart.renderDefault();
        for (String service : List.of("account", "asset", "risk", "job", "file")) {
            assertThat(apiCallers(rendering, service)).as(service).containsExactlyInAnyOrder(EDGE, SAGAS);
        }
    }

    @Test
    void theQueryServiceIsCalledByTheEdgeOnlyAndTheEdgeByTheIngressGatewayOnly() {
        Chart.Rendering rendering = Chart.renderDefault();
        assertThat(apiCallers(rendering, "query")).containsExactly(EDGE);
        assertThat(apiCallers(rendering, "edge")).containsExactly(INGRESS);
    }

    @Test
    void theSagasAndTheProjectionsAreCalledOnlyByTheEdgeOnTheirAdminPaths() {
        Chart.Rendering rendering = Chart.renderDefault();
        assertThat(apiRule(rendering, "projections")).satisfies(r -> {
            assertThat(r.getFrom().get(0).getSource().getPrincipals()).containsExactly(EDGE);
            assertThat(r.getTo().get(0).getOperation().getPaths())
                    .containsExactly("/admin/projections", "/admin/projections/*");
        });
        assertThat(apiRule(rendering, "sagas")).satisfies(r -> {
            assertThat(r.getFrom().get(0).getSource().getPrincipals()).containsExactly(EDGE);
            assertThat(r.getTo().get(0).getOperation().getPaths()).containsExactly("/admin/sagas", "/admin/sagas/*",
                    "/explorer/operations/sagas", "/explorer/operations/sagas/*");
        });
    }

    private static Rule apiRule(Chart.Rendering rendering, String service) {
        List<Rule> onApiPort = rules(rendering, service).stream()
                .filter(r -> r.getTo().get(0).getOperation().getPorts().contains("8080")).toList();
        assertThat(onApiPort).as(service).hasSize(1);
        return onApiPort.get(0);
    }

    @Test
    void prometheusMayOnlyReadTheMetricsOnTheManagementPort() {
        Chart.Rendering rendering = Chart.renderDefault();
        for (String service : Chart.SERVICES) {
            assertThat(rules(rendering, service)).filteredOn(r -> r.getTo().get(0).getOperation().getPorts()
                    .contains("8081")).singleElement().satisfies(r -> {
                assertThat(r.getFrom().get(0).getSource().getPrincipals())
                        .containsExactly("cluster.local/ns/monitoring/sa/prometheus");
                assertThat(r.getTo().get(0).getOperation().getPaths()).containsExactly("/actuator/prometheus");
                assertThat(r.getTo().get(0).getOperation().getMethods()).containsExactly("GET");
            });
        }
    }

    @Test
    void aCallerThatIsNeitherAServiceNorTheGatewayIsRefused() {
        assertThatThrownBy(() -> Chart.render(Map.of("services.query.callers[0].from", "explorer")))
                .hasMessageContaining("\"explorer\" is neither a service of this chart nor ingress-gateway");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyServiceHasCircuitBreakersConnectionLimitsAndOutlierDetection(Chart.Rendering rendering) {
        for (String service : Chart.SERVICES) {
            DestinationRule rule = rendering.of(DestinationRule.class, service);
            assertThat(rule.getSpec().getHost()).isEqualTo("chariot-" + service + ".chariot.svc.cluster.local");
            var policy = rule.getSpec().getTrafficPolicy();
            assertThat(policy.getTls().getMode().name()).isEqualTo("ISTIO_MUTUAL");
            assertThat(policy.getConnectionPool().getTcp().getMaxConnections()).isPositive();
            assertThat(policy.getConnectionPool().getHttp().getHttp1MaxPendingRequests()).isPositive();
            assertThat(policy.getConnectionPool().getHttp().getHttp2MaxRequests()).isPositive();
            assertThat(policy.getOutlierDetection().getConsecutiveGatewayErrors()).isPositive();
            assertThat(policy.getOutlierDetection().getMaxEjectionPercent()).isBetween(1, 50);
            assertThat(policy.getOutlierDetection().getBaseEjectionTime()).isNotBlank();
        }
    }

    @Test
    void theGatewayServesThePublicHostOverTlsFromAnExistingSecret() {
        Gateway gateway = Chart.renderDefault().all(Gateway.class).stream().findFirst().orElseThrow();
        assertThat(gateway.getSpec().getServers()).anySatisfy(s -> {
            assertThat(s.getPort().getNumber()).isEqualTo(443);
            assertThat(s.getTls().getCredentialName()).isEqualTo("chariot-api-tls");
            assertThat(s.getHosts()).containsExactly("api.chariot.example.com");
        });
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void theCanaryWeightsSplitThePublicApiBetweenTheLegacyApiAndTheEdgeOnly(Chart.Rendering rendering) {
        VirtualService api = rendering.all(VirtualService.class).stream().findFirst().orElseThrow();
        assertThat(api.getSpec().getGateways()).containsExactly("chariot-api");
        var canary = api.getSpec().getHttp().stream().filter(r -> r.getName().equals("canary")).findFirst()
                .orElseThrow();
        assertThat(canary.getRoute()).extracting(d -> d.getDestination().getHost())
                .containsExactly("api.legacy.example.com", "chariot-edge.chariot.svc.cluster.local");
        assertThat(canary.getRoute().stream().mapToInt(d -> d.getWeight()).sum()).isEqualTo(100);
        // Every destination the public API reaches: the legacy API (an entry of the mesh) and the edge, no other.
        assertThat(api.getSpec().getHttp().stream().flatMap(r -> r.getRoute().stream())
                .map(d -> d.getDestination().getHost()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("api.legacy.example.com", "chariot-edge.chariot.svc.cluster.local");
        assertThat(rendering.all(ServiceEntry.class)).singleElement()
                .satisfies(e -> assertThat(e.getSpec().getHosts()).containsExactly("api.legacy.example.com"));
    }

    @Test
    void theCutOverMovesByTheWeightsInValues() {
        VirtualService api = Chart.render(Map.of("istio.canary.weights.legacy", 90, "istio.canary.weights.edge", 10))
                .all(VirtualService.class).get(0);
        var canary = api.getSpec().getHttp().stream().filter(r -> r.getName().equals("canary")).findFirst()
                .orElseThrow();
        assertThat(canary.getRoute()).extracting(d -> d.getWeight()).containsExactly(90, 10);
    }

    @Test
    void withoutIstioNoMeshObjectIsRendered() {
        Chart.Rendering plain = Chart.render(Map.of("istio.enabled", false));
        assertThat(plain.objects()).noneMatch(o -> o.getClass().getPackageName().startsWith("io.fabric8.istio"));
        assertThat(plain.all(Deployment.class)).hasSize(Chart.SERVICES.size());
    }
}
