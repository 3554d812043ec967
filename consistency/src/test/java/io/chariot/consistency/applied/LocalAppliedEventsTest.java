package io.chariot.consistency.applied;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalAppliedEventsTest {

    private final LocalAppliedEvents applied = new LocalAppliedEvents(1_000, Duration.ofMinutes(1));

    @Test
    void aWaitForAnEventAlreadyAppliedCompletesAtOnce() {
        applied.applied("assets-dynamodb", "t#asset#a", 3);

        assertThat(applied.visible("assets-dynamodb", "t#asset#a", 2)).isCompleted();
        assertThat(applied.visible("assets-dynamodb", "t#asset#a", 3)).isCompleted();
    }

    @Test
    void aWaitCompletesWhenItsEventOrALaterOneIsApplied() {
        CompletableFuture<Void> visible = applied.visible("assets-dynamodb", "t#asset#a", 2);
        applied.applied("assets-dynamodb", "t#asset#a", 1);
        assertThat(visible).isNotDone();

        applied.applied("assets-dynamodb", "t#asset#a", 4);

        assertThat(visible).isCompleted();
    }

    @Test
    void anotherReadModelOrAggregateDoesNotCompleteAWait() {
        CompletableFuture<Void> visible = applied.visible("assets-neo4j", "t#asset#a", 0);

        applied.applied("assets-dynamodb", "t#asset#a", 0);
        applied.applied("assets-neo4j", "t#asset#b", 0);

        assertThat(visible).isNotDone();
    }

    @Test
    void aParkedEventFailsTheWaitsForItAndForLaterEventsOfItsAggregateAtOnce() {
        CompletableFuture<Void> waiting = applied.visible("assets-neo4j", "t#asset#a", 5);
        applied.parked("assets-neo4j", "t#asset#a", 5);

        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(NotVisibleException.class).hasMessageContaining("parked");
        assertThat(applied.visible("assets-neo4j", "t#asset#a", 6)).isCompletedExceptionally();
        assertThat(applied.visible("assets-neo4j", "t#asset#a", 4)).isNotDone();
    }

    @Test
    void aParkedEventAppliedByARetryIsVisibleAgain() {
        applied.parked("assets-neo4j", "t#asset#a", 5);

        applied.applied("assets-neo4j", "t#asset#a", 5);

        assertThat(applied.visible("assets-neo4j", "t#asset#a", 5)).isCompleted();
        assertThat(applied.visible("assets-neo4j", "t#asset#a", 6)).isNotDone();
    }

    @Test
    void aFailingStoreFailsItsWaitsUntilItRecovers() {
        CompletableFuture<Void> before = applied.visible("assets-redis", "t#asset#a", 0);

        applied.failing("assets-redis", "its store is failing (RedisTimeoutException)");

        assertThat(before).isCompletedExceptionally();
        assertThat(applied.visible("assets-redis", "t#asset#b", 0)).isCompletedExceptionally();
        assertThat(applied.visible("assets-dynamodb", "t#asset#b", 0)).isNotDone();

        applied.recovered("assets-redis");
        CompletableFuture<Void> after = applied.visible("assets-redis", "t#asset#b", 0);
        assertThat(after).isNotDone();
        applied.applied("assets-redis", "t#asset#b", 0);
        assertThat(after).isCompleted();
    }

    @Test
    void aCancelledWaitLeavesNoWaiterBehind() {
        CompletableFuture<Void> visible = applied.visible("assets-dynamodb", "t#asset#a", 9);
        visible.cancel(false);

        applied.applied("assets-dynamodb", "t#asset#a", 9);

        assertThat(applied.visible("assets-dynamodb", "t#asset#a", 9)).isCompleted();
    }

    @Test
    void noWaitIsLostWhenReportsRaceWithWaiters() throws Exception {
        // Within what it remembers (a waiter comes milliseconds after its command; 20,000 aggregates by default).
        int aggregates = 900;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger completed = new AtomicInteger();
        try {
            for (int i = 0; i < aggregates; i++) {
                String aggregate = "t#asset#" + i;
                pool.submit(() -> {
                    start.await();
                    applied.applied("assets-dynamodb", aggregate, 0);
                    return null;
                });
                pool.submit(() -> {
                    start.await();
                    applied.visible("assets-dynamodb", aggregate, 0).get(10, TimeUnit.SECONDS);
                    completed.incrementAndGet();
                    return null;
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(completed).hasValue(aggregates);
    }
}
