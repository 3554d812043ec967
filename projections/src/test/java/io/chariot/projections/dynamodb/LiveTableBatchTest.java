package io.chariot.projections.dynamodb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveTableBatchTest {

    private final LiveTableWriters writers = new LiveTableWriters(4);
    private final LiveTableBatch batch = (LiveTableBatch) writers.openBatch();

    @AfterEach
    void close() {
        batch.close();
        writers.close();
    }

    @Test
    void writesToDifferentItemsRunSideBySide() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<String> done = new CopyOnWriteArrayList<>();
        for (String item : List.of("a", "b")) {
            batch.submit(item, () -> {
                bothStarted.countDown();
                try {
                    // Each write finishes only once the other has started: one after the other, neither would.
                    if (bothStarted.await(10, TimeUnit.SECONDS)) {
                        done.add(item);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        batch.commit();

        assertThat(done).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void oneItemsWritesRunInTheOrderTheyCame() {
        List<Integer> applied = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            batch.submit("a", () -> applied.add(n));
        }

        batch.commit();

        assertThat(applied).hasSize(50).isSorted();
    }

    @Test
    void aReadOfAnItemWaitsForItsWritesSoFar() {
        List<String> applied = new CopyOnWriteArrayList<>();
        batch.submit("a", () -> applied.add("a1"));
        batch.submit("a", () -> applied.add("a2"));

        batch.awaitItem("a");

        assertThat(applied).containsExactly("a1", "a2");
    }

    @Test
    void aFailedWriteStopsItsItemsLaterWritesButNotOtherItemsAndFailsTheCommit() {
        List<String> applied = new CopyOnWriteArrayList<>();
        IllegalStateException refused = new IllegalStateException("refused by the store");
        batch.submit("a", () -> {
            throw refused;
        });
        batch.submit("a", () -> applied.add("a2"));
        batch.submit("b", () -> applied.add("b1"));

        assertThatThrownBy(batch::commit).isSameAs(refused);
        assertThat(applied).containsExactly("b1");
    }

    @Test
    void aReadAfterAFailedWriteWaitsAndLeavesTheFailureToTheCommit() {
        batch.submit("a", () -> {
            throw new IllegalStateException("refused by the store");
        });

        batch.awaitItem("a");
        batch.awaitAll();

        assertThatThrownBy(batch::commit).hasMessage("refused by the store");
    }

    @Test
    void theBatchBelongsToItsThreadUntilItIsClosed() throws Exception {
        assertThat(LiveTableBatch.current()).isSameAs(batch);
        LiveTableBatch[] elsewhere = new LiveTableBatch[1];
        Thread other = new Thread(() -> elsewhere[0] = LiveTableBatch.current());
        other.start();
        other.join();
        assertThat(elsewhere[0]).isNull();

        batch.close();

        assertThat(LiveTableBatch.current()).isNull();
    }
}
