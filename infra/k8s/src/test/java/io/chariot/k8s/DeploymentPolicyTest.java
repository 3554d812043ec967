package io.chariot.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every service's Deployment must have, with the default and with the production values. */
class DeploymentPolicyTest {

    static Stream<Chart.Rendering> renderings() {
        return Stream.of(Chart.renderDefault(), Chart.renderProduction());
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyServiceHasOneDeploymentAndItsOwnServiceAccount(Chart.Rendering rendering) {
        assertThat(rendering.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Chart.SERVICES.stream().map(s -> "chariot-" + s).toList());
        for (String service : Chart.SERVICES) {
            Deployment deployment = rendering.of(Deployment.class, service);
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                    .isEqualTo(rendering.of(ServiceAccount.class, service).getMetadata().getName());
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyDeploymentHasStartupLivenessAndReadinessProbesOnTheActuatorsManagementPort(Chart.Rendering rendering) {
        for (Deployment deployment : rendering.all(Deployment.class)) {
            Container container = container(deployment);
            assertThat(container.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("management"));
            assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
            assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
            assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
        }
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(probe.getPeriodSeconds()).isPositive();
        assertThat(probe.getFailureThreshold()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyDeploymentRequestsAndLimitsCpuAndMemoryWithMemoryRequestedAsLimited(Chart.Rendering rendering) {
        for (Deployment deployment : rendering.all(Deployment.class)) {
            var resources = container(deployment).getResources();
            assertThat(resources.getRequests()).containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).containsKeys("cpu", "memory");
            // A JVM sized by its limit must get that memory: request = limit, or it is the first evicted.
            assertThat(Quantity.getAmountInBytes(resources.getRequests().get("memory")))
                    .isEqualTo(Quantity.getAmountInBytes(resources.getLimits().get("memory")));
            assertThat(Quantity.getAmountInBytes(resources.getRequests().get("cpu")))
                    .isLessThanOrEqualTo(Quantity.getAmountInBytes(resources.getLimits().get("cpu")));
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyDeploymentRunsNonRootOnAReadOnlyRootFileSystemWithoutPrivileges(Chart.Rendering rendering) {
        for (Deployment deployment : rendering.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            var container = container(deployment).getSecurityContext();
            assertThat(container.getRunAsNonRoot()).isTrue();
            assertThat(container.getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
            // The one writable place: /tmp, an emptyDir.
            assertThat(container(deployment).getVolumeMounts()).singleElement()
                    .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(pod.getVolumes()).singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyJvmIsSizedByItsContainersMemoryLimit(Chart.Rendering rendering) {
        for (Deployment deployment : rendering.all(Deployment.class)) {
            assertThat(container(deployment).getEnv()).filteredOn(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                    .singleElement().extracting(EnvVar::getValue).asString()
                    .containsPattern("-XX:MaxRAMPercentage=\\d+")
                    .doesNotContain("-Xmx");
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyDeploymentSpreadsItsPodsAcrossZonesAndNodes(Chart.Rendering rendering) {
        for (Deployment deployment : rendering.all(Deployment.class)) {
            List<TopologySpreadConstraint> spread =
                    deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey)
                    .containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(spread).allSatisfy(c -> assertThat(c.getLabelSelector().getMatchLabels())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels()));
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyDeploymentReadsTheSharedConfigMapAndBindsBeyondLoopback(Chart.Rendering rendering) {
        for (Deployment deployment : rendering.all(Deployment.class)) {
            Container container = container(deployment);
            assertThat(container.getEnvFrom()).singleElement()
                    .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("chariot-config"));
            assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("CHARIOT_BIND_ADDRESS"))
                    .singleElement().extracting(EnvVar::getValue).isEqualTo("0.0.0.0");
        }
    }

    @Test
    void theProductionValuesRenderMoreReplicasThanTheDefaultOnes() {
        Chart.Rendering standard = Chart.renderDefault();
        Chart.Rendering production = Chart.renderProduction();
        for (String service : Chart.SERVICES) {
            int replicas = standard.of(Deployment.class, service).getSpec().getReplicas();
            // With autoscaling on, the HPA owns the count: its minimum is what production runs at least.
            assertThat(production.of(Deployment.class, service).getSpec().getReplicas()).isNull();
            int productionMinimum = production.of(HorizontalPodAutoscaler.class, service).getSpec().getMinReplicas();
            assertThat(productionMinimum).as(service).isGreaterThan(replicas).isGreaterThanOrEqualTo(2);
        }
    }
}
