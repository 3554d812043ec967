package io.chariot.sagas.job;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.sagas.axon.AggregateAssociation;
import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaRuntime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Axon shell of {@link JobResultIngestion}: one instance per passed run with result items, associated with the
 * job's aggregate (tenant + key). It holds the instance's {@link JobResultIngestion.Progress} and nothing else; the
 * workflow lives in plain code behind the {@link SagaRuntime} port. An instance that does not start (a run without
 * items, a failed run) is never stored.
 * <p>
 * The processing group keeps the name of the stateless dispatcher it replaced, so it continues from its position.
 */
@Saga
@ProcessingGroup(JobResultSaga.GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class JobResultSaga {

    public static final String GROUP = "job-results";

    private JobResultIngestion.Progress progress = new JobResultIngestion.Progress();

    @JsonIgnore
    @Autowired
    private transient JobResultIngestion ingestion;

    @JsonIgnore
    @Autowired
    private transient SagaRuntime runtime;

    /** A passed run with items starts an instance (or, on a retry, finds it); other runs are dismissed. */
    @StartSaga
    @SagaEventHandler(associationProperty = AggregateAssociation.KEY, associationResolver = AggregateAssociation.class,
            payloadType = JobFinished.class)
    void on(JobFinished finished) {
        ingestion.on(finished, progress, runtime);
    }

    /** An operator's decision: undo what was applied and fail the run. */
    @SagaEventHandler(associationProperty = CompensationRequested.ASSOCIATION)
    void on(CompensationRequested request) {
        ingestion.compensate(request, progress, runtime);
    }
}
