package io.chariot.sagas.remediation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.sagas.axon.AggregateAssociation;
import io.chariot.sagas.runtime.SagaRuntime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Axon shell of {@link RemediationCheck}: one instance per risk marked remediated, associated with the risk and
 * then with its re-test job (both by aggregate). Other status changes start nothing.
 */
@Saga
@ProcessingGroup(RemediationSaga.GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class RemediationSaga {

    public static final String GROUP = "remediation-checks";

    private RemediationCheck.Progress progress = new RemediationCheck.Progress();

    @JsonIgnore
    @Autowired
    private transient RemediationCheck check;

    @JsonIgnore
    @Autowired
    private transient SagaRuntime runtime;

    @StartSaga
    @SagaEventHandler(associationProperty = AggregateAssociation.KEY, associationResolver = AggregateAssociation.class)
    void on(RiskStatusChanged changed) {
        check.on(changed, progress, runtime);
    }

    @SagaEventHandler(associationProperty = AggregateAssociation.KEY, associationResolver = AggregateAssociation.class)
    void on(JobFinished finished) {
        check.on(finished, progress, runtime);
    }

    @DeadlineHandler(deadlineName = RemediationCheck.DEADLINE)
    void deadline() {
        check.deadlinePassed(runtime);
    }
}
