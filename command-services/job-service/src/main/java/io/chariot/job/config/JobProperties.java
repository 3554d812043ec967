package io.chariot.job.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * The job context's settings ({@code chariot.jobs.*}).
 *
 * @param maxRunningPerTenant running jobs a tenant may hold at once
 * @param tenantCaps          per-tenant overrides of that cap, e.g. {@code chariot.jobs.tenant-caps."[a@b.c]"=3}
 * @param claimLease          how long a claimed job holds its running-jobs permit before it must start
 * @param slotGrace           how long past its timeout a run's permit is kept before it is reclaimed
 * @param deadlines           the persistent deadline manager behind job timeouts
 */
@ConfigurationProperties("chariot.jobs")
public record JobProperties(@DefaultValue("10") int maxRunningPerTenant, Map<String, Integer> tenantCaps,
                            @DefaultValue("PT1M") Duration claimLease, @DefaultValue("PT5M") Duration slotGrace,
                            @DefaultValue Deadlines deadlines) {

    public JobProperties {
        tenantCaps = tenantCaps == null ? Map.of() : Map.copyOf(tenantCaps);
        if (maxRunningPerTenant < 1) {
            throw new IllegalArgumentException("chariot.jobs.max-running-per-tenant must be at least 1, not "
                    + maxRunningPerTenant);
        }
        requirePositive("chariot.jobs.claim-lease", claimLease);
        requirePositive("chariot.jobs.slot-grace", slotGrace);
    }

    /**
     * @param pollingInterval how often an instance looks for due deadlines
     * @param threads         threads that fire due deadlines
     * @param heartbeat       how often an instance firing a deadline says it is alive; a deadline whose instance died
     *                        while firing it fires again elsewhere once four heartbeats are missed (db-scheduler's
     *                        rule), so 15 s means about a minute — db-scheduler's own 5 min would hold a tenant
     *                        purge's step for twenty
     */
    public record Deadlines(@DefaultValue("PT1S") Duration pollingInterval, @DefaultValue("2") int threads,
                            @DefaultValue("PT15S") Duration heartbeat) {
        public Deadlines {
            requirePositive("chariot.jobs.deadlines.polling-interval", pollingInterval);
            requirePositive("chariot.jobs.deadlines.heartbeat", heartbeat);
            if (threads < 1) {
                throw new IllegalArgumentException("chariot.jobs.deadlines.threads must be at least 1, not " + threads);
            }
        }
    }

    static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
        }
    }
}
