package io.chariot.edge.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service's instances answer.
 *
 * @param services       base URLs per service id, e.g. {@code chariot.edge.services.asset=http://10.0.0.5:8081,
 *                       http://10.0.0.6:8081} ({@code CHARIOT_EDGE_SERVICES_ASSET}); in Kubernetes one URL per
 *                       service (its Service's name), locally one per process
 * @param connectRetries how many other instances a request tries when an instance refuses the connection — safe for
 *                       every method, since a refused request never reached a service
 * @param refusedHold    how long an instance that refused a connection is left out of the choice
 */
@ConfigurationProperties("chariot.edge")
public record EdgeProperties(Map<String, List<URI>> services, @DefaultValue("2") int connectRetries,
                             @DefaultValue("5s") Duration refusedHold) {

    public EdgeProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
        var known = Arrays.stream(ChariotService.values()).map(ChariotService::id).collect(Collectors.toSet());
        var unknown = new TreeSet<>(services.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("chariot.edge.services names unknown services " + unknown
                    + "; the services are " + new TreeSet<>(known));
        }
        var missing = new TreeSet<String>();
        for (String id : known) {
            var urls = services.get(id);
            if (urls == null || urls.isEmpty()) {
                missing.add(id);
            } else {
                for (URI url : urls) {
                    if (url.getScheme() == null || url.getHost() == null
                            || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                        throw new IllegalArgumentException("chariot.edge.services." + id + " holds '" + url
                                + "', which is not an http(s) base URL");
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("chariot.edge.services has no instance for " + missing
                    + " (set e.g. CHARIOT_EDGE_SERVICES_" + missing.first().toUpperCase() + "=http://host:port)");
        }
        if (refusedHold == null || refusedHold.isNegative()) {
            throw new IllegalArgumentException("chariot.edge.refused-hold must not be negative, not " + refusedHold);
        }
        if (connectRetries < 0) {
            throw new IllegalArgumentException("chariot.edge.connect-retries must be 0 or more, not " + connectRetries);
        }
    }
}
