package io.chariot.faults;

import io.chariot.infra.local.servers.Ports;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.infra.local.junit.WithLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands across processes (ADR 0025): two platform instances, each its own JVM from the repackaged jar, on one local
 * stack, with the distributed command bus on (JGroups on loopback) and the read models' reports shared over Redis.
 * A command sent to either instance is handled once, by the instance that owns its aggregate; a rejection raised
 * there answers the sender with its code and status; after {@code kill -9} of one instance the other handles its
 * aggregates. Prints the take-over times (not asserted).
 */
@WithLocalStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedCommandsIT {

    private static final String TENANT = FaultStack.TENANT;
    private final StackEndpoints endpoints;
    private final String group = "bus-" + System.currentTimeMillis();
    private final List<String> identifiers = IntStream.range(0, 24).mapToObj(i -> "10.20.0." + i).toList();
    private PlatformProcess a;
    private PlatformProcess b;
    private ChariotApi viaA;
    private ChariotApi viaB;

    DistributedCommandsIT(StackEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @BeforeAll
    void twoInstances() throws Exception {
        Path root = Path.of(System.getProperty("chariot.root", "../..")).toAbsolutePath().normalize();
        Path work = root.resolve("infra/faults/target/faults/distributed-commands-" + System.currentTimeMillis());
        int clusterPortA = Ports.free();
        int clusterPortB = Ports.free();
        String hosts = "127.0.0.1:" + clusterPortA + ",127.0.0.1:" + clusterPortB;
        // A rolling start: b once a is ready. Started together on fresh stores, the second fails creating the Neo4j
        // indexes the first is creating ("an equivalent index already exists"). Only a issues the bootstrap key.
        a = instance("a", root, work, clusterPortA, hosts, true).awaitReady();
        b = instance("b", root, work, clusterPortB, hosts, false).awaitReady();
        viaA = a.api();
        viaB = b.api();
        await("both instances to take commands").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> members(viaA).equals(List.of("a", "b")) && members(viaB).equals(List.of("a", "b")));
    }

    private PlatformProcess instance(String name, Path root, Path work, int clusterPort, String hosts,
                                     boolean bootstrap) throws Exception {
        return PlatformProcess.start(name, root, work, endpoints, TENANT, bootstrap, Ports.free(),
                PlatformProcess.SMALL_JVM, List.of(
                "--chariot.commands.distributed.enabled=true",
                "--chariot.commands.distributed.node-name=" + name,
                "--chariot.commands.distributed.bind-port=" + clusterPort,
                "--chariot.commands.distributed.hosts=" + hosts,
                // the read models of either instance settle the writes waiting in the other
                "--chariot.consistency.applied-events=redis"));
    }

    @AfterAll
    void stop() {
        for (PlatformProcess instance : new PlatformProcess[]{b, a}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    @Order(1)
    void assetsPutThroughOneInstanceAreEachHandledOnceByTheirOwnerAndVisibleThroughBoth() throws Exception {
        for (String identifier : identifiers) {
            ChariotApi.Answer answer = viaA.putAsset(group, identifier, false);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }

        Map<String, String> owners = new LinkedHashMap<>();
        for (String identifier : identifiers) {
            owners.put(identifier, owner(viaA, identifier));
            assertThat(owner(viaB, identifier)).as("both instances agree who owns " + identifier)
                    .isEqualTo(owners.get(identifier));
        }
        assertThat(new HashSet<>(owners.values())).as("each instance owns some of the 24 assets")
                .containsExactlyInAnyOrder("a", "b");
        Map<String, Integer> events = EventStore.eventsPerAsset(endpoints, TENANT, group);
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(identifiers);
        assertThat(events.values()).as("each PUT handled once: one event per asset").containsOnly(1);
        assertThat(viaB.assetsInTable(group)).containsExactlyInAnyOrderElementsOf(identifiers);
        assertThat(viaB.assetCount()).as("counted once").isEqualTo(identifiers.size());
    }

    @Test
    @Order(2)
    void aRejectionRaisedOnTheOwnerAnswersTheSenderWithTheSameCodeAndStatus() {
        // Axon's own "no such aggregate", raised on b while loading it: 404
        String absent = "#asset#" + group + "#" + ownedBy("b", "absent-");
        String update = "{\"key\":\"" + absent + "\",\"status\":\"F\"}";
        ChariotApi.Answer sentToA = viaA.put("/asset", update);
        ChariotApi.Answer sentToOwner = viaB.put("/asset", update);
        assertThat(sentToA.status()).as(sentToA.body()).isEqualTo(404);
        assertSameProblem(sentToA, sentToOwner);

        // the aggregate's own Rejected (invalid: a deleted asset takes no attribute), raised on b: 400
        String deleted = "#asset#" + group + "#" + identifiers.stream()
                .filter(identifier -> owner(viaA, identifier).equals("b")).findFirst().orElseThrow();
        ChariotApi.Answer deletion = viaA.delete("/asset", "{\"key\":\"" + deleted + "\"}");
        assertThat(deletion.status()).as(deletion.body()).isEqualTo(200);
        String attribute = "{\"key\":\"" + deleted + "\",\"name\":\"http\",\"value\":\"80\"}";
        ChariotApi.Answer refusedAtA = viaA.put("/attribute", attribute);
        ChariotApi.Answer refusedAtOwner = viaB.put("/attribute", attribute);
        assertThat(refusedAtA.status()).as(refusedAtA.body()).isEqualTo(400);
        assertThat(refusedAtA.json().path("detail").asText()).contains("deleted asset " + deleted);
        assertSameProblem(refusedAtA, refusedAtOwner);
    }

    /**
     * ADR 0026 across real processes: a blue-green rebuild asked of a pauses the model's processor on b too (else b
     * would keep applying to the generation being replaced), and b follows the switched read alias. Writes through b
     * during the rebuild are all counted, once, in the new generation as seen through either instance.
     */
    @Test
    @Order(3)
    void aBlueGreenRebuildOnOneInstancePausesTheOtherAndBothFollowTheSwitchedGeneration() throws Exception {
        String model = "/admin/projections/assets-redis";
        int before = viaB.get(model).json().path("generation").asInt();
        long counted = viaA.assetCount();
        List<String> during = IntStream.range(0, 12).mapToObj(i -> "10.20.2." + i).toList();

        ChariotApi.Answer started = viaA.post(model + "/rebuild?blueGreen=true", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        for (String identifier : during) {
            assertThat(viaB.putAsset(group, identifier, true).status()).isBetween(200, 202);
        }
        await("the rebuild on a to finish").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> viaA.get(model).json().path("rebuild").path("state").asText(), state -> {
                    assertThat(state).isNotIn("failed", "aborted");
                    return state.equals("done");
                });
        int after = viaA.get(model).json().path("generation").asInt();
        assertThat(after).isGreaterThan(before);

        await("b to follow the read alias").atMost(Duration.ofSeconds(30))
                .until(() -> viaB.get(model).json().path("generation").asInt() == after);
        await("every write counted once through both").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(viaA.assetCount()).isEqualTo(counted + during.size());
            assertThat(viaB.assetCount()).isEqualTo(counted + during.size());
        });
        await("b's log to show it paused and resumed for a's rebuild").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Files.readString(b.log()))
                        .contains("processor assets-redis paused: another instance is rebuilding its read model")
                        .contains("processor assets-redis resumed"));
        assertThat(loggedAt(b.log(), "processor assets-redis paused"))
                .as("b stopped applying before a switched the alias").isBefore(loggedAt(a.log(),
                        "blue-green rebuild of [assets-redis] switched"));
    }

    /** When a log line holding {@code text} was written (the ISO time that starts each line). */
    private static java.time.Instant loggedAt(Path log, String text) throws java.io.IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(text)).findFirst()
                .map(line -> java.time.Instant.parse(line.substring(0, line.indexOf(' '))))
                .orElseThrow(() -> new AssertionError("no line with '" + text + "' in " + log));
    }

    @Test
    @Order(4)
    void afterTheOwnerIsKilledTheSurvivorHandlesItsAggregates() {
        List<String> ofB = identifiers.stream().filter(identifier -> owner(viaA, identifier).equals("b"))
                .skip(1) // the first was deleted above
                .toList();
        String fresh = ownedBy("b", "after-kill-");

        long killedAt = System.nanoTime();
        Os.kill9(b.handle());
        long[] membersChangedAt = new long[1];
        Map<Integer, Integer> answersMeanwhile = new java.util.TreeMap<>();
        // a write of one of b's aggregates through a, as a client retrying would: stored (202) once a routes it
        await("a to handle b's aggregates").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (membersChangedAt[0] == 0 && members(viaA).equals(List.of("a"))) {
                        membersChangedAt[0] = System.nanoTime();
                    }
                    ChariotApi.Answer answer = viaA.putAsset(group, fresh, true);
                    answersMeanwhile.merge(answer.status(), 1, Integer::sum);
                    return answer.ok();
                });
        long firstCommandAt = System.nanoTime();
        assertThat(answersMeanwhile.keySet()).as("until then: stored, or asked to retry (503, Retry-After)")
                .isSubsetOf(202, 503);
        await("a's view without b").atMost(Duration.ofMinutes(1)).until(() -> members(viaA).equals(List.of("a")));
        if (membersChangedAt[0] == 0) {
            membersChangedAt[0] = System.nanoTime();
        }
        // a write that waits for the read models: once a has claimed b's processor segments as well
        String update = "{\"key\":\"#asset#" + group + "#" + ofB.get(0) + "\",\"status\":\"F\"}";
        await("a write of b's asset visible through a").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250)).until(() -> viaA.put("/asset", update).ok());
        long visibleAt = System.nanoTime();

        for (String identifier : ofB) {
            assertThat(owner(viaA, identifier)).isEqualTo("a");
        }
        String key = "#asset#" + group + "#" + ofB.get(0);
        List<String> statuses = new ArrayList<>();
        viaA.get("/my?key=" + ChariotApi.encode(key)).json().path("assets").forEach(asset -> {
            if (asset.path("key").asText().equals(key)) { // the key is a prefix: #…#10.20.0.1 finds …0.10 too
                statuses.add(asset.path("status").asText());
            }
        });
        assertThat(statuses).containsExactly("F");
        assertThat(viaA.assetsInTable(group)).contains(fresh);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("membershipChangeAfter", Figures.seconds(membersChangedAt[0] - killedAt));
        figures.put("firstCommandAfter", Figures.seconds(firstCommandAt - killedAt));
        // with b's aggregates' read models served by a's processors already; a segment b held is claimed by a only
        // once b's claim times out
        figures.put("readYourWritesAfter", Figures.seconds(visibleAt - killedAt));
        figures.put("answersUntilTakenOver", answersMeanwhile.toString().replace(" ", ""));
        Figures.print("kill -9 of one of two instances sharing commands", figures);
    }

    private static void assertSameProblem(ChariotApi.Answer sender, ChariotApi.Answer owner) {
        assertThat(sender.contentType()).startsWith("application/problem+json");
        assertThat(sender.status()).isEqualTo(owner.status());
        assertThat(sender.json().path("detail").asText()).isEqualTo(owner.json().path("detail").asText());
    }

    /** The instances that share the commands, as {@code instance} sees them. */
    private static List<String> members(ChariotApi instance) {
        List<String> members = new ArrayList<>();
        ChariotApi.Answer routing = instance.get("/actuator/commandrouting");
        routing.json().path("members").forEach(m -> members.add(m.asText()));
        return members;
    }

    /** The instance that handles the commands of the group's asset {@code identifier}. */
    private String owner(ChariotApi instance, String identifier) {
        String aggregate = TENANT + "#asset#" + group + "#" + identifier;
        ChariotApi.Answer routing = instance.get("/actuator/commandrouting?aggregate=" + ChariotApi.encode(aggregate));
        assertThat(routing.status()).as(routing.body()).isEqualTo(200);
        return routing.json().path("owner").asText();
    }

    /** An identifier (with {@code prefix}) of an asset of the group that {@code instance} would own. */
    private String ownedBy(String instance, String prefix) {
        Set<String> tried = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String identifier = prefix + i;
            tried.add(identifier);
            if (owner(viaA, identifier).equals(instance)) {
                return identifier;
            }
        }
        throw new AssertionError("no identifier owned by " + instance + " among " + tried.size());
    }
}
