package io.chariot.infra.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPlanTest {

    @TempDir
    Path root;

    @BeforeEach
    void builtJars() throws Exception {
        for (String s : List.of("account", "asset", "risk", "job", "file", "query", "projections", "sagas", "edge")) {
            Path target = Files.createDirectories(root.resolve("services/" + s + "/target"));
            Files.writeString(target.resolve("chariot-" + s + "-service.jar"), "jar");
        }
    }

    @Test
    void everyServiceRunsOnceUnlessCountedAndEachInstanceHasItsOwnPorts() {
        var plan = ClusterPlan.of(root, ClusterPlan.counts("asset=2,projections=2"), 18080);

        assertThat(plan.instances()).extracting(ClusterPlan.Instance::name).containsExactly("account-1", "asset-1",
                "asset-2", "risk-1", "job-1", "file-1", "query-1", "projections-1", "projections-2", "sagas-1");
        var ports = plan.instances().stream().flatMap(i -> java.util.stream.Stream.of(i.httpPort(), i.routingPort()))
                .distinct().count();
        assertThat(ports).isEqualTo(2L * plan.instances().size());
        assertThat(plan.edgeJar()).isEqualTo(root.resolve("services/edge/target/chariot-edge-service.jar"));
    }

    @Test
    void theEdgeLearnsEveryInstanceOfEveryService() {
        var plan = ClusterPlan.of(root, Map.of("asset", 2), 18080);
        var assets = plan.instances().stream().filter(i -> i.service().equals("asset")).toList();

        assertThat(plan.edgeEnvironment()).hasSize(8)
                .containsEntry("CHARIOT_EDGE_SERVICES_ASSET", assets.get(0).url() + "," + assets.get(1).url());
        assertThat(plan.routingHosts().split(",")).hasSize(plan.instances().size());
    }

    @Test
    void anUnknownServiceOrABadCountIsRefusedWithAMessage() {
        assertThatThrownBy(() -> ClusterPlan.of(root, Map.of("assets", 2), 1))
                .hasMessageContaining("unknown service 'assets'");
        assertThatThrownBy(() -> ClusterPlan.counts("asset=two")).hasMessageContaining("SERVICE=COUNT");
        assertThatThrownBy(() -> ClusterPlan.of(root, Map.of("asset", 9), 1)).hasMessageContaining("from 0 to 8");
    }

    @Test
    void aServiceThatIsNotBuiltIsNamedWithTheBuildCommand() throws Exception {
        Files.delete(root.resolve("services/risk/target/chariot-risk-service.jar"));

        assertThatThrownBy(() -> ClusterPlan.of(root, Map.of(), 1))
                .hasMessageContaining("no jar for the risk service").hasMessageContaining("./mvnw -DskipTests install");
    }
}
