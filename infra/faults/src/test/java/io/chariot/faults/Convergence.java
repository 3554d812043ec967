package io.chariot.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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
     * Waits (at most {@code atMost}) until every store agrees with the event store, and adds to {@code figures} what
     * was found and how long after {@code fromNanos} (System.nanoTime()) each store first agreed. Should they not
     * converge, prints {@code scenario} with its figures so far, marked FAILED, before failing.
     */
    static void check(FaultStack stack, ChariotApi api, WriteLoad load, long fromNanos, Duration atMost,
                      String scenario, Map<String, Object> figures) throws Exception {
        Set<String> acknowledged = load.acknowledged();
        Set<String> stored = EventStore.assets(stack.endpoints(), FaultStack.TENANT, load.group());
        assertThat(stored).as("every acknowledged write of %s is in the event store", load.group())
                .containsAll(acknowledged);
        Map<String, Long> convergedAt = new LinkedHashMap<>();
        Found[] last = new Found[1];
        try {
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
                        return found.eventStore().equals(found.table()) && found.eventStore().equals(found.graph())
                                && found.eventStoreTotal() == found.counted();
                    });
        } catch (ConditionTimeoutException e) {
            // What did not converge, and by how much, before failing: the figures matter most then.
            figures.putAll(figures(load, acknowledged, last[0], convergedAt, fromNanos));
            figures.put("notConvergedAfter", atMost.toSeconds() + "s");
            Figures.print(scenario + " (FAILED)", figures);
            throw e;
        }
        figures.putAll(figures(load, acknowledged, last[0], convergedAt, fromNanos));
    }

    private static Map<String, Object> figures(WriteLoad load, Set<String> acknowledged, Found found,
                                               Map<String, Long> convergedAt, long fromNanos) {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (found == null) {
            return figures;
        }
        figures.put("attempted", load.attempted());
        figures.put("acknowledged", acknowledged.size());
        figures.put("inEventStore", found.eventStore().size());
        figures.put("inDynamodb", found.table() == null ? "unavailable" : found.table().size());
        figures.put("inNeo4j", found.graph() == null ? "unavailable" : found.graph().size());
        figures.put("redisCount", found.counted() + "/" + found.eventStoreTotal());
        convergedAt.forEach((store, at) -> figures.put("converged." + store, Figures.seconds(at - fromNanos)));
        figures.put("outcomes", load.outcomes().toString().replace(" ", ""));
        return figures;
    }
}
