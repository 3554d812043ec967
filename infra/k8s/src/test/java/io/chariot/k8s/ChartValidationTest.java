package io.chariot.k8s;

import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.jni.NativeLibrary;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart lints, renders and reads into typed models, and what is not a known kind or field is refused. */
class ChartValidationTest {

    @Test
    void helmsNativeLibraryComesFromTheClassPathAndNotFromTheNetwork() {
        // Without one on the class path helm-java would download it (RemoteJarLoader): that must never happen here.
        assertThat(ServiceLoader.load(NativeLibrary.class, getClass().getClassLoader()).findFirst())
                .as("a helm-java native library on the test class path").isPresent();
    }

    @Test
    void theChartPassesHelmLintStrictWithTheDefaultValues() throws Exception {
        LintResult lint = Chart.lint();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void theChartPassesHelmLintStrictWithTheProductionValues() throws Exception {
        LintResult lint = Chart.lint(Chart.PRODUCTION_VALUES);
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void everyObjectOfTheDefaultRenderingReadsIntoItsTypedModel() {
        Chart.Rendering rendering = Chart.renderDefault();
        assertThat(rendering.objects()).allSatisfy(o -> assertThat(o).isInstanceOf(HasMetadata.class));
        assertThat(rendering.objects()).hasSizeGreaterThan(Chart.SERVICES.size() * 6);
    }

    @Test
    void everyObjectOfTheProductionRenderingReadsIntoItsTypedModel() {
        Chart.Rendering rendering = Chart.renderProduction();
        assertThat(rendering.objects()).hasSizeGreaterThan(Chart.SERVICES.size() * 7);
    }

    @Test
    void aFieldNoModelDeclaresFailsTheParse() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: chariot-asset}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: asset
                          image: chariot/asset:1
                          readinessProbe:
                            httpGet: {path: /actuator/health/readiness, port: management}
                            periodSecond: 5
                """;
        assertThatThrownBy(() -> KnownKinds.parse(misspelt, KnownKinds.CHART))
                .hasMessageContaining("periodSecond");
    }

    @Test
    void anIstioFieldNoModelDeclaresFailsTheParse() {
        String misspelt = """
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default}
                spec:
                  mtls: {mode: STRICT}
                  portLevelMTLS: {}
                """;
        assertThatThrownBy(() -> KnownKinds.parse(misspelt, KnownKinds.CHART))
                .hasMessageContaining("portLevelMTLS");
    }

    @Test
    void aFieldInsideAnIstioOneOfOrAnUnknownEnumConstantFailsTheParse() {
        String unknownMatch = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: chariot-api}
                spec:
                  hosts: [api.chariot.example.com]
                  http:
                    - match:
                        - headers:
                            x-chariot-edge: {exakt: "true"}
                      route:
                        - destination: {host: chariot-edge}
                """;
        assertThatThrownBy(() -> KnownKinds.parse(unknownMatch, KnownKinds.CHART))
                .hasMessageContaining("x-chariot-edge.exakt");
        String unknownMode = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: chariot-asset}
                spec:
                  host: chariot-asset
                  trafficPolicy:
                    tls: {mode: ISTIO_MUTUALL}
                """;
        assertThatThrownBy(() -> KnownKinds.parse(unknownMode, KnownKinds.CHART))
                .hasMessageContaining("trafficPolicy.tls.mode");
    }

    @Test
    void aKindNoModelIsRegisteredForFailsTheParse() {
        String secret = """
                apiVersion: v1
                kind: Secret
                metadata: {name: chariot-secrets}
                stringData: {jwt-secret: x}
                """;
        assertThatThrownBy(() -> KnownKinds.parse(secret, KnownKinds.CHART))
                .hasMessageContaining("v1/Secret");
        String oldIstio = """
                apiVersion: networking.istio.io/v1alpha3
                kind: VirtualService
                metadata: {name: chariot-api}
                spec: {hosts: [a]}
                """;
        assertThatThrownBy(() -> KnownKinds.parse(oldIstio, KnownKinds.CHART))
                .hasMessageContaining("networking.istio.io/v1alpha3/VirtualService");
    }

    @Test
    void aTemplateErrorFailsTheRendering() {
        assertThatThrownBy(() -> Chart.render(Map.of("istio.canary.weights.edge", 10)))
                .hasMessageContaining("must add up to 100");
    }

    @Test
    void aMisspeltOrUnknownValueFailsTheRenderingByTheValuesSchema() {
        assertThatThrownBy(() -> Chart.render(Map.of("services.asset.replicaz", 3)))
                .hasMessageContaining("replicaz");
        assertThatThrownBy(() -> Chart.render(Map.of("istio.circuitBreaker.interval", "ten seconds")))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> Chart.render(Map.of("defaults.topologySpread.whenUnsatisfiable", "Sometimes")))
                .hasMessageContaining("whenUnsatisfiable");
    }
}
