package io.chariot.sagas.purge;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chariot.api.account.AccountEvents.TenantPurgeStarted;
import io.chariot.sagas.axon.AggregateAssociation;
import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaRuntime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Axon shell of {@link TenantPurging}: one instance per purge, associated with the tenant's purge aggregate
 * (a tenant runs one purge at a time) and with its purge id.
 */
@Saga
@ProcessingGroup(TenantPurgeSaga.GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class TenantPurgeSaga {

    public static final String GROUP = "tenant-purge";

    private TenantPurging.Progress progress = new TenantPurging.Progress();

    @JsonIgnore
    @Autowired
    private transient TenantPurging purging;

    @JsonIgnore
    @Autowired
    private transient SagaRuntime runtime;

    @StartSaga
    @SagaEventHandler(associationProperty = AggregateAssociation.KEY, associationResolver = AggregateAssociation.class)
    void on(TenantPurgeStarted started) {
        purging.on(started, progress, runtime);
    }

    /** An operator's request: a purge is not undone, the instance says so and goes on. */
    @SagaEventHandler(associationProperty = CompensationRequested.ASSOCIATION)
    void on(CompensationRequested request) {
        purging.compensate(request, progress, runtime);
    }

    @DeadlineHandler(deadlineName = TenantPurging.STEP)
    void step() {
        purging.step(progress, runtime);
    }
}
