package io.chariot.edge.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances that refused a connection lately, left out of the load balancer's choice for a while (passive ejection,
 * as Istio's outlier detection does in Kubernetes). Without it a retry goes round-robin again, and when several
 * requests retry at once their attempts interleave so that one request can meet the same dead instance on every
 * attempt — seen as a steady few per cent of 503s after an instance was killed.
 */
final class RefusingInstances {

    private final Map<String, Long> refusedAt = new ConcurrentHashMap<>();
    private final long holdNanos;
    private final LongSupplier nanoTime;

    RefusingInstances(Duration hold, LongSupplier nanoTime) {
        this.holdNanos = hold.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The instance at this URL refused a connection just now. */
    void refused(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        refusedAt.put(key(url.getHost(), port), nanoTime.getAsLong());
    }

    /**
     * The instances to choose from: those that have not refused within the hold — or all of them when every one
     * has, so a service whose instances are all gone still answers its 503 and one that comes back is found.
     */
    List<ServiceInstance> available(List<ServiceInstance> instances) {
        long now = nanoTime.getAsLong();
        List<ServiceInstance> accepting = instances.stream().filter(instance -> {
            Long at = refusedAt.get(key(instance.getHost(), instance.getPort()));
            return at == null || now - at >= holdNanos;
        }).toList();
        return accepting.isEmpty() ? instances : accepting;
    }

    /** One instance's key, from the chosen URL and from the instance list alike (so a URL's form cannot matter). */
    private static String key(String host, int port) {
        return host + ":" + port;
    }
}
