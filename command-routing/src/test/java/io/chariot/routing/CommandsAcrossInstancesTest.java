package io.chariot.routing;

import io.chariot.api.rejection.CommandRejections;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.RejectionCarryingCommandBus;
import io.chariot.api.rejection.Rejections;
import io.chariot.consistency.written.WrittenEvent;
import io.chariot.consistency.written.WrittenEvents;
import io.chariot.consistency.written.WrittenEventsInterceptor;
import io.chariot.websupport.web.ProblemHandling;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.DefaultCommandBusSpanFactory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnector;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.tracing.NoOpSpanFactory;
import org.jgroups.JChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances joined over real JGroups channels on loopback, each with the local bus and interceptors the platform
 * gives its command handlers (rejections as details, written events), wired as the auto-configuration wires them.
 * A command sent on A for an aggregate B owns is handled on B, and its answer — result, rejection, written events —
 * arrives at A as it would have in one process. The instances are shared by the tests; the last one stops B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandsAcrossInstancesTest {

    /** A command of an aggregate; {@code reject} names the rejection its handler throws, if any. */
    record Touch(@TargetAggregateIdentifier String aggregateId, Rejection reject) {
    }

    /** Like the platform's {@code axon.serializer.messages: jackson} over Spring Boot's ObjectMapper. */
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(Jackson2ObjectMapperBuilder.json().build()).build();
    private Instance a;
    private Instance b;

    @BeforeAll
    void twoInstances() throws Exception {
        int portA = freePort();
        int portB = freePort();
        List<String> hosts = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
        a = new Instance("a", portA, hosts);
        b = new Instance("b", portB, hosts);
        await("both instances to take commands").atMost(Duration.ofSeconds(30))
                .until(() -> a.owners.members().equals(List.of("a", "b"))
                        && b.owners.members().equals(List.of("a", "b")));
    }

    @AfterAll
    void stop() {
        for (Instance instance : new Instance[]{a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void aRejectionRaisedOnTheOwnerReachesTheSenderWithItsCodeAndStatus() throws Exception {
        for (Rejection.Code code : Rejection.Code.values()) {
            Rejection rejection = new Rejection(code, "refused as " + code + " on the owner");
            String aggregate = ownedBy(b, "rejected-" + code);

            CommandResultMessage<?> result = a.send(new Touch(aggregate, rejection));

            assertThat(b.handled).contains(aggregate);
            assertThat(result.isExceptional()).isTrue();
            assertThat(result.exceptionResult().getCause()).as("the exception type did not travel, the details did")
                    .isNotInstanceOf(Rejected.class);
            Rejection arrived = Rejections.of(result.exceptionResult()).orElseThrow();
            assertThat(arrived).isEqualTo(rejection);
            assertThat(ProblemHandling.statusOf(arrived.code())).isEqualTo(ProblemHandling.statusOf(code));
        }
    }

    @Test
    void theEventsACommandStoredOnTheOwnerTravelBackToTheSender() throws Exception {
        String aggregate = ownedBy(b, "written");

        CommandResultMessage<?> result = a.send(new Touch(aggregate, null));

        assertThat(result.isExceptional()).as(String.valueOf(result.optionalExceptionResult())).isFalse();
        assertThat(result.getPayload()).isEqualTo("handled by b");
        assertThat(WrittenEvents.from(result.getMetaData()))
                .containsExactly(new WrittenEvent(aggregate, 7, Touch.class.getName()));
    }

    @Test
    void aCommandOfAnAggregateThisInstanceOwnsStaysOnItsLocalBus() throws Exception {
        String aggregate = ownedBy(a, "local");

        CommandResultMessage<?> result = a.send(new Touch(aggregate, Rejection.conflict("taken")));

        assertThat(a.handled).contains(aggregate);
        assertThat(a.threads).containsEntry(aggregate, Thread.currentThread().getName());
        assertThat(result.exceptionResult().getCause()).as("the handler's own exception, as on one local bus")
                .isInstanceOf(Rejected.class);
    }

    @Test
    void eachAggregateIsHandledByOneInstanceWhicheverInstanceSendsIt() throws Exception {
        for (int i = 0; i < 20; i++) {
            String aggregate = "tenant#touch#" + i;
            a.send(new Touch(aggregate, null));
            b.send(new Touch(aggregate, null));
            String owner = a.owners.ownerOf(aggregate).orElseThrow();
            assertThat(b.owners.ownerOf(aggregate)).contains(owner);
            Instance ownerInstance = owner.equals("a") ? a : b;
            Instance other = ownerInstance == a ? b : a;
            assertThat(ownerInstance.handled.stream().filter(aggregate::equals)).as("sent once by each").hasSize(2);
            assertThat(other.handled).doesNotContain(aggregate);
        }
        assertThat(a.handled).as("both instances own some of twenty aggregates").isNotEmpty();
        assertThat(b.handled).isNotEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheOwnerLeavesTheOtherInstanceHandlesItsAggregates() throws Exception {
        String aggregate = ownedBy(b, "orphaned");
        b.close();

        await("b to leave a's view").atMost(Duration.ofSeconds(30))
                .until(() -> a.owners.members().equals(List.of("a")));
        CommandResultMessage<?> result = a.send(new Touch(aggregate, null));

        assertThat(result.getPayload()).isEqualTo("handled by a");
        assertThat(a.handled).contains(aggregate);
    }

    /** An aggregate identifier that {@code owner} handles. */
    private String ownedBy(Instance owner, String prefix) {
        return IntStream.range(0, 1000).mapToObj(i -> "tenant#touch#" + prefix + "-" + i)
                .filter(id -> a.owners.ownerOf(id).filter(owner.name::equals).isPresent())
                .findFirst().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One instance: its local bus as the platform builds it, its channel, its distributed bus. */
    private final class Instance implements AutoCloseable {

        final String name;
        final CommandOwners owners = new CommandOwners();
        final List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Map<String, String> threads = new java.util.concurrent.ConcurrentHashMap<>();
        private final JChannel channel;
        private final JGroupsConnector connector;
        private final DistributedCommandBus bus;
        private final MembershipAnnouncements announcements;

        Instance(String name, int port, List<String> hosts) throws Exception {
            this.name = name;
            var properties = new DistributedCommandsProperties(true, "touch-test", name, "127.0.0.1", port,
                    DistributedCommandsProperties.Discovery.STATIC, hosts, "", 100, Duration.ofSeconds(20),
                    Duration.ofSeconds(5), Duration.ofSeconds(1));
            SimpleCommandBus local = RejectionCarryingCommandBus.builder().build();
            SimpleEventBus events = SimpleEventBus.builder().build();
            WrittenEventsInterceptor written = new WrittenEventsInterceptor();
            events.registerDispatchInterceptor(written);
            channel = ClusterChannel.create(properties);
            connector = DistributedCommandsAutoConfiguration.join(local, channel, serializer, owners,
                    NoOpSpanFactory.INSTANCE, properties);
            CommandBusSpanFactory spans = DefaultCommandBusSpanFactory.builder()
                    .spanFactory(NoOpSpanFactory.INSTANCE).build();
            bus = DistributedCommandsAutoConfiguration.commandBus(connector, local, channel, spans, properties);
            // as the platform registers them: on the command bus bean, which hands them to the local segment
            bus.registerHandlerInterceptor(new CommandRejections());
            bus.registerHandlerInterceptor(written);
            bus.subscribe(Touch.class.getName(), message -> {
                Touch touch = (Touch) message.getPayload();
                handled.add(touch.aggregateId());
                threads.put(touch.aggregateId(), Thread.currentThread().getName());
                if (touch.reject() != null) {
                    throw new Rejected(touch.reject());
                }
                events.publish(new GenericDomainEventMessage<>("touch", touch.aggregateId(), 7, touch));
                return "handled by " + name;
            });
            announcements = new MembershipAnnouncements(bus, 100, properties.announceInterval());
            announcements.start();
        }

        CommandResultMessage<?> send(Touch touch) throws Exception {
            FutureCallback<Touch, Object> result = new FutureCallback<>();
            bus.dispatch(GenericCommandMessage.asCommandMessage(touch), result);
            return result.get(20, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            announcements.stop();
            if (channel.isConnected()) {
                connector.disconnect();
            }
            channel.close();
        }
    }
}
