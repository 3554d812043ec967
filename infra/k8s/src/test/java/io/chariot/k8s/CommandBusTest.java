package io.chariot.k8s;

import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The distributed command bus (ADR 0025): who joins, how they find each other, who may reach its port. */
class CommandBusTest {

    private static final List<String> MEMBERS = Chart.SERVICES.stream().filter(s -> !s.equals("edge")).toList();

    private static Container container(Chart.Rendering rendering, String service) {
        return rendering.of(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    @Test
    void everyServiceButTheEdgeJoinsTheBusOnItsPodIpFoundThroughTheHeadlessService() {
        Chart.Rendering rendering = Chart.renderProduction();
        for (String service : MEMBERS) {
            Map<String, EnvVar> env = env(container(rendering, service));
            assertThat(env.get("CHARIOT_COMMANDS_DISTRIBUTED_ENABLED").getValue()).as(service).isEqualTo("true");
            assertThat(env.get("CHARIOT_COMMANDS_DISTRIBUTED_DISCOVERY").getValue()).isEqualTo("dns");
            assertThat(env.get("CHARIOT_COMMANDS_DISTRIBUTED_DNS_QUERY").getValue())
                    .isEqualTo("chariot-commands.chariot.svc.cluster.local");
            assertThat(env.get("CHARIOT_COMMANDS_DISTRIBUTED_BIND_PORT").getValue()).isEqualTo("7800");
            assertThat(env.get("CHARIOT_COMMANDS_DISTRIBUTED_BIND_ADDRESS").getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("status.podIP");
            assertThat(env.get("CHARIOT_COMMANDS_DISTRIBUTED_NODE_NAME").getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.name");
            assertThat(container(rendering, service).getPorts())
                    .anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(7800));
        }
        assertThat(env(container(rendering, "edge")).keySet()).noneMatch(v -> v.startsWith("CHARIOT_COMMANDS_"));
    }

    @Test
    void theHeadlessServiceListsEveryMembersPodsAndOnlyThemEvenBeforeTheyAreReady() {
        Chart.Rendering rendering = Chart.renderProduction();
        Service commands = rendering.all(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals("chariot-commands")).findFirst().orElseThrow();
        assertThat(commands.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(commands.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(commands.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(7800);
            assertThat(p.getName()).startsWith("tcp-");
        });
        Map<String, String> selector = commands.getSpec().getSelector();
        for (String service : Chart.SERVICES) {
            Map<String, String> pod = rendering.of(Deployment.class, service).getSpec().getTemplate().getMetadata()
                    .getLabels();
            boolean selected = selector.entrySet().stream().allMatch(l -> l.getValue().equals(pod.get(l.getKey())));
            assertThat(selected).as(service).isEqualTo(MEMBERS.contains(service));
        }
    }

    @Test
    void onlyTheBusMembersMayReachItsPort() {
        Chart.Rendering rendering = Chart.renderProduction();
        List<String> principals = MEMBERS.stream().map(m -> "cluster.local/ns/chariot/sa/chariot-" + m).toList();
        for (String service : Chart.SERVICES) {
            List<Rule> onBusPort = rendering.of(AuthorizationPolicy.class, service).getSpec().getRules().stream()
                    .filter(r -> r.getTo().stream().anyMatch(t -> t.getOperation().getPorts().contains("7800")))
                    .toList();
            if (!MEMBERS.contains(service)) {
                assertThat(onBusPort).as(service).isEmpty();
                continue;
            }
            assertThat(onBusPort).as(service).singleElement().satisfies(r -> assertThat(r.getFrom().stream()
                    .flatMap(f -> f.getSource().getPrincipals().stream()))
                    .containsExactlyInAnyOrderElementsOf(principals));
        }
    }

    @Test
    void withoutTheBusNoServiceJoinsAndNoPortIsOpened() {
        Chart.Rendering local = Chart.render(Map.of("commandBus.enabled", false));
        assertThat(local.all(Service.class)).noneMatch(s -> s.getMetadata().getName().equals("chariot-commands"));
        for (String service : Chart.SERVICES) {
            assertThat(env(container(local, service)).keySet()).noneMatch(v -> v.startsWith("CHARIOT_COMMANDS_"));
        }
    }
}
