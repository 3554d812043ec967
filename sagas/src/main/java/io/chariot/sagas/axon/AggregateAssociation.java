package io.chariot.sagas.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.saga.AssociationResolver;

import org.axonframework.messaging.annotation.MessageHandlingMember;

/**
 * Associates a saga with the aggregate an event came from (tenant + Chariot key): Chariot's keys are unique only
 * within a tenant, so a payload's {@code key} alone could reach another tenant's saga. The property name is unused.
 */
public final class AggregateAssociation implements AssociationResolver {

    /** The association key sagas use for it. */
    public static final String KEY = "aggregate";

    @Override
    public <T> void validate(String associationPropertyName, MessageHandlingMember<T> handler) {
        // any event handler qualifies: the value comes from the message, not the payload
    }

    @Override
    public <T> Object resolve(String associationPropertyName, EventMessage<?> message,
                              MessageHandlingMember<T> handler) {
        return message instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier() : null;
    }
}
