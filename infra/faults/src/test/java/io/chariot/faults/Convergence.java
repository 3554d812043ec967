package io.chariot.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

/**
 * After a fault: every acknowledged write must be in the event store, and each read store must come to hold exactly
 * what the event store holds (the group's assets in DynamoDB and Neo4j, the tenant's asset count in Redis). Records
 * when each store first did.
 */
final class Convergence {

    /** What one check found. */
    record Found(Set<String> eventStore, Set<String> table, Set<String> graph, long eventStoreTotal, long counted) {
    }

    private Convergence() {
    }

    /**
     * Waits (at most {@code atMost}) until every store agrees with the event store; returns, per store, the nanos
     * (System.nanoTime()) at which it first did, and the final figures.
     */
    static Map<String, Object> check(FaultStack stack, ChariotApi api, WriteLoad load, long fromNanos,
                                     Duration atMost) throws Exception {
        Set<String> acknowledged = load.acknowledged();
        Set<String> stored = EventStore.assets(stack.endpoints(), FaultStack.TENANT, load.group());
        assertThat(stored).as("every acknowledged write of %s is in the event store", load.group())
                .containsAll(acknowledged);
        Map<String, Long> convergedAt = new LinkedHashMap<>();
        Found[] last = new Found[1];
        Awaitility.await("the read stores to hold what the event store holds").atMost(atMost)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    Found found = new Found(EventStore.assets(stack.endpoints(), FaultStack.TENANT, load.group()),
                            api.assetsInTable(load.group()), api.assetsInGraph(load.group()),
                            EventStore.assetCount(stack.endpoints(), FaultStack.TENANT), api.assetCount());
                    last[0] = found;
                    long now = System.nanoTime();
                    if (found.eventStore().equals(found.table())) {
                        convergedAt.putIfAbsent("dynamodb", now);
                    }
                    if (found.eventStore().equals(found.graph())) {
                        convergedAt.putIfAbsent("neo4j", now);
                    }
                    if (found.eventStoreTotal() == found.counted()) {
                        convergedAt.putIfAbsent("redis", now);
                    }
                    return convergedAt.size() == 3 && found.eventStore().equals(found.table())
                            && found.eventStore().equals(found.graph()) && found.eventStoreTotal() == found.counted();
                });
        Found found = last[0];
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("attempted", load.attempted());
        figures.put("acknowledged", acknowledged.size());
        figures.put("inEventStore", found.eventStore().size());
        figures.put("inDynamodb", found.table().size());
        figures.put("inNeo4j", found.graph().size());
        figures.put("redisCount", found.counted() + "/" + found.eventStoreTotal());
        convergedAt.forEach((store, at) -> figures.put("converged." + store, Figures.seconds(at - fromNanos)));
        figures.put("outcomes", load.outcomes().toString().replace(" ", ""));
        return figures;
    }
}
