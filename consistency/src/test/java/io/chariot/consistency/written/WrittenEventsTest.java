package io.chariot.consistency.written;

import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A command's sender learns which events it stored — also when the result crosses a process boundary. */
class WrittenEventsTest {

    private EmbeddedEventStore eventStore;
    private SimpleCommandBus commandBus;
    private final WriteCollectors collectors = new WriteCollectors();

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        commandBus = SimpleCommandBus.builder().build();
        WrittenEventsInterceptor interceptor = new WrittenEventsInterceptor();
        commandBus.registerHandlerInterceptor(interceptor);
        eventStore.registerDispatchInterceptor(interceptor);
        commandBus.subscribe("create", command -> {
            eventStore.publish(new GenericDomainEventMessage<>("Thing", "tenant#thing#1", 0, "created"));
            eventStore.publish(new GenericDomainEventMessage<>("Thing", "tenant#thing#1", 1, "named"));
            return "created";
        });
        commandBus.subscribe("nothing", command -> "unchanged");
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    private CommandResultMessage<?> dispatch(String name) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandBus.dispatch(new GenericCommandMessage<>(new GenericCommandMessage<>("payload"), name), callback);
        return callback.getResult();
    }

    @Test
    void theResultOfACommandNamesEveryEventItStored() {
        CommandResultMessage<?> result = dispatch("create");

        assertThat(result.getPayload()).isEqualTo("created");
        assertThat(WrittenEvents.from(result.getMetaData())).containsExactly(
                new WrittenEvent("tenant#thing#1", 0, String.class.getName()),
                new WrittenEvent("tenant#thing#1", 1, String.class.getName()));
    }

    @Test
    void aCommandThatStoresNothingNamesNothing() {
        assertThat(WrittenEvents.from(dispatch("nothing").getMetaData())).isEmpty();
    }

    @Test
    void theWrittenEventsSurviveSerialisationAsAcrossADistributedCommandBus() {
        CommandResultMessage<?> sent = dispatch("create");
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

        // what Axon's distributed command bus puts on the wire (ReplyMessage): the result serialises its own metadata
        SerializedObject<byte[]> wire = sent.serializeMetaData(serializer, byte[].class);
        MetaData received = serializer.deserialize(wire);

        assertThat(WrittenEvents.from(received)).hasSize(2)
                .extracting(WrittenEvent::sequenceNumber).containsExactly(0L, 1L);
    }

    @Test
    void theGatewayHandsTheWrittenEventsToTheCollectorOfTheThreadThatSentTheCommand() {
        var gateway = new RecordingCommandGateway(commandBus, collectors);
        List<WrittenEvent> collected = new ArrayList<>();

        try (var ignored = collectors.open(collected::addAll)) {
            gateway.sendAndWait(new GenericCommandMessage<>(new GenericCommandMessage<>("payload"), "create"));
            gateway.sendAndWait(new GenericCommandMessage<>(new GenericCommandMessage<>("payload"), "nothing"));
        }
        gateway.sendAndWait(new GenericCommandMessage<>(new GenericCommandMessage<>("payload"), "create"));

        assertThat(collected).hasSize(2);
        assertThat(collectors.current()).isNull();
    }
}
