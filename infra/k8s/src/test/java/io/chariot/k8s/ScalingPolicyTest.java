package io.chariot.k8s;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Autoscaling: on CPU for every service, and on the processing lag where processors run. */
class ScalingPolicyTest {

    private static final List<String> WITH_PROCESSORS = List.of("projections", "sagas");

    @Test
    void theDefaultValuesKeepFixedReplicasAndRenderNoAutoscaler() {
        assertThat(Chart.renderDefault().all(HorizontalPodAutoscaler.class)).isEmpty();
    }

    @Test
    void inProductionEveryServiceScalesOnCpu() {
        Chart.Rendering production = Chart.renderProduction();
        assertThat(production.all(HorizontalPodAutoscaler.class)).hasSize(Chart.SERVICES.size());
        for (String service : Chart.SERVICES) {
            HorizontalPodAutoscaler hpa = production.of(HorizontalPodAutoscaler.class, service);
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("chariot-" + service);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            assertThat(hpa.getSpec().getMetrics()).filteredOn(m -> m.getType().equals("Resource")).singleElement()
                    .satisfies(m -> {
                        assertThat(m.getResource().getName()).isEqualTo("cpu");
                        assertThat(m.getResource().getTarget().getAverageUtilization()).isBetween(1, 100);
                    });
        }
    }

    @Test
    void theServicesThatRunProcessorsAlsoScaleOnTheirProcessingLag() {
        Chart.Rendering production = Chart.renderProduction();
        for (String service : Chart.SERVICES) {
            List<MetricSpec> external = production.of(HorizontalPodAutoscaler.class, service).getSpec()
                    .getMetrics().stream().filter(m -> m.getType().equals("External")).toList();
            if (!WITH_PROCESSORS.contains(service)) {
                assertThat(external).as(service).isEmpty();
                continue;
            }
            assertThat(external).as(service).singleElement().satisfies(m -> {
                assertThat(m.getExternal().getMetric().getName()).isEqualTo("chariot_processing_lag_records");
                assertThat(m.getExternal().getMetric().getSelector().getMatchLabels())
                        .containsEntry("service", "chariot-" + service);
                assertThat(m.getExternal().getTarget().getType()).isEqualTo("AverageValue");
                assertThat(m.getExternal().getTarget().getAverageValue().getAmount()).isNotBlank();
            });
        }
    }

    @Test
    void theLagMetricIsTheOneTheAlertRulesAndTheMetricsCatalogueName() throws Exception {
        // chariot.processing.lag with base unit "records" (ProcessingGroupMetrics), as Prometheus names it: the
        // alert rules use it and MetricsCatalogueIT checks the rules' names against a live scrape.
        Path alerts = Path.of(System.getProperty("chariot.root"), "infra", "observability", "prometheus",
                "chariot-alerts.yml");
        assertThat(Files.readString(alerts)).contains("chariot_processing_lag_records");
    }
}
