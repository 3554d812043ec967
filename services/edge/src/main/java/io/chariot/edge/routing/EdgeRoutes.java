package io.chariot.edge.routing;

import static org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions.lb;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** One route per service: its paths, load-balanced over its instances, a refused connection tried elsewhere. */
@Configuration(proxyBeanMethods = false)
public class EdgeRoutes {

    @Bean
    RefusingInstances refusingInstances(EdgeProperties properties) {
        return new RefusingInstances(properties.refusedHold(), System::nanoTime);
    }

    @Bean
    RouterFunction<ServerResponse> chariotRoutes(EdgeProperties properties, RefusingInstances refusing) {
        RouterFunction<ServerResponse> all = null;
        for (ChariotService service : ChariotService.values()) {
            var route = route(service.id())
                    .route(path(service.paths().toArray(String[]::new)), http())
                    // filters wrap in the order given: the problem answer outermost (not onError: Spring puts error
                    // handlers innermost), then the retry, so that each attempt picks its instance again
                    .filter(new EdgeProblems(service))
                    .filter(new RetryRefusedConnections(properties.connectRetries(), refusing))
                    .filter(lb(service.id()))
                    .build();
            all = all == null ? route : all.and(route);
        }
        return all;
    }
}
