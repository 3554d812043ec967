package io.chariot.query.graph;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code chariot.query.graph.timeout}: how long one {@code POST /my} may run in Neo4j before the database ends its
 * transaction (and the request answers 503), so no query holds a request thread and the graph for long.
 */
@ConfigurationProperties("chariot.query.graph")
public record GraphQueryProperties(@DefaultValue("10s") Duration timeout) {
}
