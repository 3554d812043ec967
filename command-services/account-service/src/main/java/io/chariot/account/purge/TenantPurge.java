package io.chariot.account.purge;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.RecordTenantPurge;
import io.chariot.api.account.AccountCommands.StartTenantPurge;
import io.chariot.api.account.AccountCommands.TenantPurgeState;
import io.chariot.api.account.AccountEvents.TenantPurgeStarted;
import io.chariot.api.account.AccountEvents.TenantPurged;
import io.chariot.api.rejection.Rejected;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's purges ({@code DELETE /account/purge}), one aggregate per tenant ({@link AccountCommands#purgeAggregateId}):
 * at most one purge runs at a time; asking again while one runs answers that one. The tenant purge saga does the
 * removal and records its end ({@link TenantPurged}, the erasure record). A tenant purged once may be purged again
 * (whatever was written since is removed).
 */
@Aggregate
public class TenantPurge {

    static final String RUNNING = "running";
    static final String PURGED = "purged";

    @AggregateIdentifier
    private String purgeAggregateId;
    private String tenant;
    private String purgeId;
    private String status;
    private String startedBy;
    private Instant started;
    private Instant ended;

    protected TenantPurge() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TenantPurgeState handle(StartTenantPurge command) {
        if (command.tenant() == null || command.tenant().isBlank()
            || !AccountCommands.purgeAggregateId(command.tenant()).equals(command.purgeAggregate())) {
            throw Rejected.invalid("a tenant purge is identified by its tenant");
        }
        if (command.purgeId() == null || command.purgeId().isBlank()) {
            throw Rejected.invalid("purgeId is required");
        }
        if (!RUNNING.equals(status)) {
            apply(new TenantPurgeStarted(command.tenant(), command.purgeId(), command.by(), now()));
        }
        return state();
    }

    @CommandHandler
    public TenantPurgeState handle(RecordTenantPurge command) {
        if (RUNNING.equals(status) && purgeId.equals(command.purgeId())) {
            apply(new TenantPurged(tenant, purgeId, Map.copyOf(command.removed()), command.keysDestroyed(),
                    startedBy, started, command.by(), now()));
        }
        return state();
    }

    @EventSourcingHandler
    void on(TenantPurgeStarted e) {
        purgeAggregateId = AccountCommands.purgeAggregateId(e.tenant());
        tenant = e.tenant();
        purgeId = e.purgeId();
        status = RUNNING;
        startedBy = e.by();
        started = e.at();
        ended = null;
    }

    @EventSourcingHandler
    void on(TenantPurged e) {
        status = PURGED;
        ended = e.at();
    }

    private TenantPurgeState state() {
        return new TenantPurgeState(tenant, purgeId, status, startedBy, started, ended);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
