package io.chariot.edge.routing;

import java.net.URI;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

/**
 * The load balancer's view of the instances named in {@code chariot.edge.services}, less those that refused a
 * connection lately ({@link RefusingInstances}; read per choice: the load balancer's cache is off).
 */
@Component
class ConfiguredInstances implements DiscoveryClient {

    private final EdgeProperties properties;
    private final RefusingInstances refusing;

    ConfiguredInstances(EdgeProperties properties, RefusingInstances refusing) {
        this.properties = properties;
        this.refusing = refusing;
    }

    @Override
    public String description() {
        return "Chariot services named in chariot.edge.services";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        List<URI> urls = properties.services().getOrDefault(serviceId, List.of());
        return refusing.available(urls.stream().<ServiceInstance>map(url -> new DefaultServiceInstance(
                serviceId + "-" + url.getAuthority(), serviceId, url.getHost(), port(url),
                "https".equals(url.getScheme()))).toList());
    }

    @Override
    public List<String> getServices() {
        return List.copyOf(properties.services().keySet());
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }
}
