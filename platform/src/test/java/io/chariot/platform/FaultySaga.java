package io.chariot.platform;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.sagas.axon.AggregateAssociation;
import io.chariot.sagas.axon.SagaGroup;
import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaRuntime;
import io.chariot.sagas.runtime.SagaState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A saga that fails on demand, run like the real ones (its own tracking group fed from Kafka, the same parking):
 * one instance per asset named {@code sagaprobe…}; it refuses the events of assets whose key holds a name in
 * {@link #FAILING} until the name is removed, and records, per asset, the events it handled, in order. A deleted
 * probe schedules a durable deadline ({@value #DEADLINE}, 6 s: long enough to be seen pending on a busy machine)
 * whose firing is recorded too.
 */
@Saga
@ProcessingGroup(FaultySaga.GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FaultySaga {

    static final String GROUP = "test-faulty-saga";
    static final String PROBE = "sagaprobe";
    static final String DEADLINE = "probe-recheck";
    static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    static final Map<String, List<String>> HANDLED = new ConcurrentHashMap<>();

    @JsonIgnore
    @Autowired
    private transient SagaRuntime runtime;

    @StartSaga
    @SagaEventHandler(associationProperty = AggregateAssociation.KEY, associationResolver = AggregateAssociation.class)
    void on(AssetDiscovered e) {
        if (!e.name().startsWith(PROBE)) {
            runtime.dismiss();
            return;
        }
        runtime.begin("test-probe", e.tenant(), e.key(), Map.of(AggregateAssociation.KEY, e.tenant() + e.key()));
        handle(e.tenant() + e.key(), "AssetDiscovered");
    }

    @SagaEventHandler(associationProperty = AggregateAssociation.KEY, associationResolver = AggregateAssociation.class)
    void on(AssetStatusChanged e) {
        handle(e.tenant() + e.key(), "AssetStatusChanged " + e.to());
        if ("D".equals(e.to())) {
            // a deleted probe is checked again later: a durable deadline through the port
            runtime.schedule(DEADLINE, java.time.Duration.ofSeconds(6), e.tenant() + e.key());
        }
    }

    @SagaEventHandler(associationProperty = CompensationRequested.ASSOCIATION)
    void on(CompensationRequested request) {
        HANDLED.computeIfAbsent(request.sagaId(), a -> new CopyOnWriteArrayList<>()).add("compensated: "
                + request.reason());
        runtime.compensated("everything");
        runtime.end(SagaState.COMPENSATED, request.reason());
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    void deadline(String aggregate) {
        runtime.fired(DEADLINE);
        handle(aggregate, "deadline fired");
    }

    private void handle(String aggregate, String event) {
        if (FAILING.stream().anyMatch(aggregate::contains)) {
            throw new IllegalStateException("this saga cannot take " + aggregate);
        }
        HANDLED.computeIfAbsent(aggregate, a -> new CopyOnWriteArrayList<>()).add(event);
        runtime.stepDone(event);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        SagaGroup faultySagas() {
            return new SagaGroup(GROUP, List.of(FaultySaga.class));
        }
    }
}
