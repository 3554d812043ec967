package io.chariot.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

class RefusingInstancesTest {

    private final AtomicLong now = new AtomicLong();
    private final RefusingInstances refusing = new RefusingInstances(Duration.ofSeconds(5), now::get);
    private final List<ServiceInstance> two = List.of(instance(1001), instance(1002));

    private static ServiceInstance instance(int port) {
        return new DefaultServiceInstance("asset-" + port, "asset", "127.0.0.1", port, false);
    }

    private static List<Integer> ports(List<ServiceInstance> instances) {
        return instances.stream().map(ServiceInstance::getPort).toList();
    }

    @Test
    void anInstanceThatRefusedIsLeftOutForTheHoldThenOfferedAgain() {
        refusing.refused(URI.create("http://127.0.0.1:1001/asset"));

        assertThat(ports(refusing.available(two))).containsExactly(1002);
        now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertThat(ports(refusing.available(two))).containsExactly(1002);
        now.addAndGet(1);
        assertThat(ports(refusing.available(two))).containsExactly(1001, 1002);
    }

    @Test
    void whenEveryInstanceRefusedAllAreOfferedSoTheServiceStillAnswers() {
        refusing.refused(URI.create("http://127.0.0.1:1001/asset"));
        refusing.refused(URI.create("http://127.0.0.1:1002/risk?x=1"));

        assertThat(ports(refusing.available(two))).containsExactly(1001, 1002);
    }

    @Test
    void instancesThatNeverRefusedAreAllOffered() {
        refusing.refused(URI.create("http://127.0.0.1:9999/asset"));

        assertThat(ports(refusing.available(two))).containsExactly(1001, 1002);
    }

    @Test
    void aChosenUrlWithoutAPortIsTheInstanceOnItsSchemesDefaultPort() {
        List<ServiceInstance> onDefaultPort = List.of(instance(80), instance(1002));

        refusing.refused(URI.create("http://127.0.0.1/asset"));

        assertThat(ports(refusing.available(onDefaultPort))).containsExactly(1002);
    }
}
