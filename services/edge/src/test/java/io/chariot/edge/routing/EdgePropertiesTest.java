package io.chariot.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgePropertiesTest {

    private static final Duration HOLD = Duration.ofSeconds(5);

    private static Map<String, List<URI>> everyService() {
        var services = new HashMap<String, List<URI>>();
        for (ChariotService s : ChariotService.values()) {
            services.put(s.id(), List.of(URI.create("http://" + s.id() + ":8080")));
        }
        return services;
    }

    @Test
    void everyServiceWithAnInstanceIsAcceptedWithTwoConnectRetriesByDefault() {
        assertThat(new EdgeProperties(everyService(), 2, HOLD).services())
                .hasSize(ChariotService.values().length);
    }

    @Test
    void aServiceWithoutAnInstanceStopsTheStartNamingItsVariable() {
        var services = everyService();
        services.remove("risk");

        assertThatThrownBy(() -> new EdgeProperties(services, 2, HOLD))
                .hasMessageContaining("no instance for [risk]").hasMessageContaining("CHARIOT_EDGE_SERVICES_RISK");
    }

    @Test
    void aMisspelledServiceStopsTheStart() {
        var services = everyService();
        services.put("assets", List.of(URI.create("http://x:1")));

        assertThatThrownBy(() -> new EdgeProperties(services, 2, HOLD))
                .hasMessageContaining("unknown services [assets]");
    }

    @Test
    void anInstanceThatIsNotAnHttpUrlStopsTheStart() {
        var services = everyService();
        services.put("job", List.of(URI.create("job-service:8080")));

        assertThatThrownBy(() -> new EdgeProperties(services, 2, HOLD))
                .hasMessageContaining("chariot.edge.services.job holds 'job-service:8080'");
    }

    @Test
    void aNegativeRefusedHoldStopsTheStart() {
        assertThatThrownBy(() -> new EdgeProperties(everyService(), 2, Duration.ofSeconds(-1)))
                .hasMessageContaining("chariot.edge.refused-hold");
    }
}
