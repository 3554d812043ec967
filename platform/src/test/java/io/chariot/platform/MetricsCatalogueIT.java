package io.chariot.platform;

import io.chariot.api.asset.AssetCommands.AddAttribute;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every metric an alert rule or a dashboard names exists on the running platform's {@code /actuator/prometheus}:
 * a renamed meter fails the build instead of silencing an alert.
 */
class MetricsCatalogueIT extends PlatformIntegrationTest {

    /** Series Prometheus makes itself for every target; no application exposes them. */
    private static final Set<String> SYNTHETIC = Set.of("up");

    @Autowired
    FaultyReadModel faulty;

    @Test
    void everyMetricARuleOrADashboardNamesIsScrapedFromThePlatform() throws Exception {
        // Traffic of every kind the rules and panels look at (some meters exist only once something happened):
        // requests (2xx, 4xx), commands that succeed and one that fails, events applied and one whose handler
        // fails once (a store away for a moment).
        ChariotClient cli = newTenant();
        faulty.transientFailuresLeft.set(1);
        cli.put("/asset", "{\"group\":\"catalogue.example\",\"identifier\":\"flaky-catalogue\"}");
        cli.put("/asset", "{\"group\":");
        assertThatThrownBy(() -> commands.sendAndWait(AddAttribute.of(cli.tenant, "#asset#absent.example#absent",
                "http", "80", "test", "test"))).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> faulty.transientFailuresLeft.get() < 0
                && faulty.applied.keySet().stream().anyMatch(k -> k.contains("flaky-catalogue")));
        ChariotClient operator = clientFor(OPERATOR);

        var referenced = new TreeSet<String>();
        ObservabilityFiles.parse(ObservabilityFiles.expressions()).forEach(p -> referenced.addAll(p.metrics()));
        referenced.addAll(ObservabilityFiles.variableMetrics());
        referenced.removeAll(SYNTHETIC);
        assertThat(referenced).hasSizeGreaterThan(20);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var scrape = operator.get("/actuator/prometheus");
            assertThat(scrape.status()).isEqualTo(200);
            Set<String> exposed = scrape.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
            Files.writeString(Path.of("target/prometheus-metric-names.txt"), String.join("\n", exposed));
            assertThat(exposed).as("metrics on /actuator/prometheus").containsAll(referenced);
        });
    }
}
