package io.chariot.sagas.onboarding;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chariot.api.account.AccountEvents.IntegrationLinked;
import io.chariot.api.account.AccountEvents.IntegrationVerified;
import io.chariot.api.origin.MessageOrigin;
import io.chariot.sagas.axon.AggregateAssociation;
import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaRuntime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Axon shell of {@link IntegrationOnboarding}: one instance per link of an integration that has a provider,
 * associated with the integration's aggregate (tenant + key). Links of other integrations, and legacy integrations
 * the migration replayer imports (already onboarded where they came from), start nothing.
 */
@Saga
@ProcessingGroup(OnboardingSaga.GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class OnboardingSaga {

    public static final String GROUP = "integration-onboarding";

    private IntegrationOnboarding.Progress progress = new IntegrationOnboarding.Progress();

    @JsonIgnore
    @Autowired
    private transient IntegrationOnboarding onboarding;

    @JsonIgnore
    @Autowired
    private transient SagaRuntime runtime;

    /** A link starts an onboarding, unless it is the migration replayer's import of a legacy integration. */
    @StartSaga
    @SagaEventHandler(associationProperty = AggregateAssociation.KEY, associationResolver = AggregateAssociation.class)
    void on(IntegrationLinked linked, @MetaDataValue(MessageOrigin.MIGRATION) String imported) {
        onboarding.on(linked, imported != null, progress, runtime);
    }

    @SagaEventHandler(associationProperty = AggregateAssociation.KEY, associationResolver = AggregateAssociation.class)
    void on(IntegrationVerified verified) {
        onboarding.on(verified, progress, runtime);
    }

    /** An operator's decision: undo what was done and mark the integration failed. */
    @SagaEventHandler(associationProperty = CompensationRequested.ASSOCIATION)
    void on(CompensationRequested request) {
        onboarding.compensate(request, progress, runtime);
    }

    @DeadlineHandler(deadlineName = IntegrationOnboarding.DEADLINE)
    void deadline() {
        onboarding.deadlinePassed(progress, runtime);
    }
}
