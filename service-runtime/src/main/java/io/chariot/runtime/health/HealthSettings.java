package io.chariot.runtime.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param timeout            how long one store's health check may take before it counts as down
 * @param processingLagLimit events a processing group may be behind the Kafka head before it counts as far behind
 *                           (DEGRADED); the alert rule on processor lag uses the same number
 */
@ConfigurationProperties("chariot.health")
public record HealthSettings(@DefaultValue("2s") Duration timeout, @DefaultValue("1000") long processingLagLimit) {
}
