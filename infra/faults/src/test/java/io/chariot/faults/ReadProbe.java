package io.chariot.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Reads from each read store through the API while a fault lasts (GET /my: DynamoDB, POST /my: Neo4j, GET /my/count:
 * Redis), a few a second each, recording every answer with when it was asked.
 */
final class ReadProbe implements AutoCloseable {

    record Read(String store, long startedNanos, ChariotApi.Answer answer) {
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Read> reads = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    ReadProbe(ChariotApi api, String group) {
        start("dynamodb", () -> api.get("/my?key=" + ChariotApi.encode("#asset#" + group + "#")));
        start("neo4j", () -> api.post("/my", ChariotApi.graphQuery(group, 10, 0)));
        start("redis", () -> api.get("/my/count?key=" + ChariotApi.encode("#asset")));
    }

    private void start(String store, Supplier<ChariotApi.Answer> read) {
        Thread thread = new Thread(() -> {
            while (running.get()) {
                long t0 = System.nanoTime();
                reads.add(new Read(store, t0, read.get()));
                LockSupport.parkNanos(200_000_000L - (System.nanoTime() - t0)); // ~5 reads a second
            }
        }, "reader-" + store);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** The reads of a store that began in [from, to) (System.nanoTime()). */
    List<ChariotApi.Answer> of(String store, long from, long to) {
        synchronized (reads) {
            return reads.stream().filter(r -> r.store().equals(store) && r.startedNanos() >= from
                    && r.startedNanos() < to).map(Read::answer).toList();
        }
    }

    long countOf(String store, long from, int status) {
        return of(store, from, Long.MAX_VALUE).stream().filter(a -> a.status() == status).count();
    }

    static Map<String, Integer> statuses(List<ChariotApi.Answer> answers) {
        Map<String, Integer> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status() == 0 ? (a.hung() ? "hung" : "failed") : Integer.toString(
                a.status()), 1, Integer::sum));
        return counts;
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(ChariotApi.CLIENT_TIMEOUT.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
