package io.chariot.job.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code chariot.jobs.*} binds with its defaults, per-tenant caps by key, and refuses bad values at start-up. */
class JobPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(JobProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void unsetPropertiesTakeTheirDefaults() {
        context.run(started -> {
            JobProperties jobs = started.getBean(JobProperties.class);
            assertThat(jobs.maxRunningPerTenant()).isEqualTo(10);
            assertThat(jobs.tenantCaps()).isEmpty();
            assertThat(jobs.claimLease()).isEqualTo(Duration.ofMinutes(1));
            assertThat(jobs.slotGrace()).isEqualTo(Duration.ofMinutes(5));
            assertThat(jobs.deadlines().pollingInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(jobs.deadlines().threads()).isEqualTo(2);
            assertThat(jobs.deadlines().heartbeat()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @Test
    void perTenantCapsAreKeyedByTheWholeTenantName() {
        context.withPropertyValues("chariot.jobs.tenant-caps.[ops@example.com]=3").run(started ->
                assertThat(started.getBean(JobProperties.class).tenantCaps()).isEqualTo(Map.of("ops@example.com", 3)));
    }

    @Test
    void aNegativeClaimLeaseFailsStartUpNamingTheProperty() {
        context.withPropertyValues("chariot.jobs.claim-lease=-PT1S").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("chariot.jobs.claim-lease");
        });
    }

    @Test
    void noDeadlineThreadsFailsStartUpNamingTheProperty() {
        context.withPropertyValues("chariot.jobs.deadlines.threads=0").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("chariot.jobs.deadlines.threads");
        });
    }

    @Test
    void aZeroHeartbeatFailsStartUpNamingTheProperty() {
        context.withPropertyValues("chariot.jobs.deadlines.heartbeat=0s").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("chariot.jobs.deadlines.heartbeat");
        });
    }
}
