package io.chariot.platform;

import io.chariot.api.rejection.RejectionCarryingCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's command bus is the one whose results carry conflicts found at commit as rejections
 * ({@code RejectionsAcrossProcessesTest} proves what that bus does across processes): Axon's own stood aside.
 */
@Order(21)
class LocalCommandBusIT extends PlatformIntegrationTest {

    @Test
    void theLocalCommandBusCarriesConflictsFoundAtCommitAsRejections(
            @Autowired @Qualifier("localSegment") SimpleCommandBus local, @Autowired CommandBus bus) {
        assertThat(local).isInstanceOf(RejectionCarryingCommandBus.class);
        assertThat(bus).as("the embedded default has no distributed bus in front of it").isSameAs(local);
    }
}
