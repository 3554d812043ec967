package io.chariot.sagas.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.metamodel.AnnotationSagaMetaModelFactory;
import org.axonframework.modelling.saga.metamodel.SagaModel;
import org.axonframework.modelling.saga.repository.SagaStore;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps a saga instance's events in order once one of them is parked: an event that would reach an instance with
 * parked events is parked behind them instead of being handled, so a retry applies them in the order they came.
 * Events for other instances flow on. Costs nothing for events the group's sagas do not handle (no association).
 */
final class ParkBehind implements MessageHandlerInterceptor<EventMessage<?>> {

    /** A saga type of the group, its model and its store. */
    record SagaType<T>(Class<T> type, SagaModel<T> model, Supplier<SagaStore<? super T>> store) {

        static <T> SagaType<T> of(Class<T> type, Supplier<SagaStore<? super T>> store) {
            return new SagaType<>(type, new AnnotationSagaMetaModelFactory().modelOf(type), store);
        }

        Set<String> instancesFor(EventMessage<?> event) {
            Optional<AssociationValue> association = model.resolveAssociation(event);
            return association.map(a -> store.get().findSagas(type, a)).orElse(Set.of());
        }
    }

    private final List<SagaType<?>> sagas;
    private final Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue;

    ParkBehind(List<SagaType<?>> sagas, Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue) {
        this.sagas = sagas;
        this.queue = queue;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Set<String> instances = new LinkedHashSet<>();
        for (SagaType<?> saga : sagas) {
            instances.addAll(saga.instancesFor(event));
        }
        SequencedDeadLetterQueue<EventMessage<?>> parked = queue.get();
        for (String instance : instances) {
            if (parked.enqueueIfPresent(instance, () -> new GenericDeadLetter<>(instance, event))) {
                return null;
            }
        }
        return chain.proceed();
    }
}
