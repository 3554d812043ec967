package io.chariot.query.explorer.travel;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.ObjectProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An aggregate's state as of one of its versions, by replaying its events, up to that version, through the real
 * aggregate class — the same event sourcing handlers, upcasters and aggregate factory the command side loads it
 * with. The state is the aggregate's fields (what it knew when it decided on the next command), not a read
 * model's view of it. The aggregate classes are found in Axon's configuration at run time, so this module needs no
 * command-side code: a deployment without an aggregate's classes cannot replay it ({@link #canReplay}).
 */
public class AggregateReplay {

    /** An aggregate's state after the event with sequence number {@code sequence}. */
    public record State(String aggregateType, String aggregateId, long sequence, String at, JsonNode fields) {
    }

    private final ObjectProvider<Configuration> axon;
    private final EventStore eventStore;
    private final ObjectMapper fields;
    private volatile Map<String, Replayable<?>> types;

    private record Replayable<T>(AggregateConfiguration<T> configuration, AggregateModel<T> model) {
    }

    public AggregateReplay(ObjectProvider<Configuration> axon, EventStore eventStore, ObjectMapper json) {
        this.axon = axon;
        this.eventStore = eventStore;
        // Every field, as the snapshot serializer sees an aggregate; never getters (they may compute or fail).
        this.fields = json.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The aggregate types this deployment can replay, sorted. */
    public List<String> aggregateTypes() {
        return types().keySet().stream().sorted().toList();
    }

    public boolean canReplay(String aggregateType) {
        return types().containsKey(aggregateType);
    }

    /** The state after event {@code sequence} (inclusive); empty when the aggregate has no such event. */
    public Optional<State> stateAt(String aggregateType, String aggregateId, long sequence) {
        Replayable<?> type = types().get(aggregateType);
        if (type == null) {
            return Optional.empty();
        }
        return replay(type, aggregateId, sequence);
    }

    private <T> Optional<State> replay(Replayable<T> type, String aggregateId, long sequence) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        while (stream.hasNext() && stream.peek().getSequenceNumber() <= sequence) {
            events.add(stream.next());
        }
        if (events.isEmpty() || events.get(events.size() - 1).getSequenceNumber() != sequence) {
            return Optional.empty();
        }
        try {
            T root = type.configuration().aggregateFactory().createAggregateRoot(aggregateId, events.get(0));
            EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(root, type.model(), null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(DomainEventStream.of(events));
            DomainEventMessage<?> last = events.get(events.size() - 1);
            return Optional.of(new State(type.model().type(), aggregateId, sequence, last.getTimestamp().toString(),
                    fields.valueToTree(aggregate.getAggregateRoot())));
        } catch (RuntimeException e) {
            throw new ReplayFailedException(aggregateId, sequence, e);
        }
    }

    private Map<String, Replayable<?>> types() {
        Map<String, Replayable<?>> known = types;
        if (known == null) {
            Configuration configuration = axon.getIfAvailable();
            known = new HashMap<>();
            if (configuration != null) {
                for (AggregateConfiguration<?> aggregate : configuration.findModules(AggregateConfiguration.class)) {
                    Replayable<?> replayable = replayable(configuration, aggregate);
                    known.put(replayable.model().type(), replayable);
                }
            }
            types = Map.copyOf(known);
        }
        return known;
    }

    private static <T> Replayable<T> replayable(Configuration configuration, AggregateConfiguration<T> aggregate) {
        Class<T> type = aggregate.aggregateType();
        AggregateModel<T> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(type,
                configuration.parameterResolverFactory(), configuration.handlerDefinition(type));
        return new Replayable<>(aggregate, model);
    }

    /** The aggregate's own code failed on its own events: a fault of the command side, said plainly. */
    public static final class ReplayFailedException extends RuntimeException {
        ReplayFailedException(String aggregateId, long sequence, RuntimeException cause) {
            super("replaying " + aggregateId + " up to sequence " + sequence + " failed", cause);
        }
    }
}
