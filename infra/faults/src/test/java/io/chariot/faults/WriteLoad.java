package io.chariot.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Writers creating new assets in one group at a steady rate, each identifier once: half of them wait for their write
 * to be visible (the default), half send {@code Prefer: respond-async} (as bulk writers and workers do). Every answer
 * is recorded; "acknowledged" is what the API promised is stored (2xx, or 503 stored-not-yet-visible).
 */
final class WriteLoad implements AutoCloseable {

    private final ChariotApi api;
    private final String group;
    private final int writers;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger attempted = new AtomicInteger();
    private volatile long lastAcknowledgedNanos;

    /** @param perSecond writes per second, all writers together */
    WriteLoad(ChariotApi api, String group, int writers, double perSecond) {
        this.api = api;
        this.group = group;
        this.writers = writers;
        this.interval = Duration.ofNanos((long) (writers * 1e9 / perSecond));
    }

    WriteLoad start() {
        running.set(true);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(writer), "writer-" + group + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void write(int writer) {
        long next = System.nanoTime();
        for (int i = 0; running.get(); i++) {
            ChariotApi.Answer answer = api.putAsset(group, "w" + writer + "-" + i, writer % 2 == 1);
            attempted.incrementAndGet();
            outcomes.computeIfAbsent(outcome(answer), k -> new AtomicInteger()).incrementAndGet();
            if (answer.acknowledged()) {
                acknowledged.add("w" + writer + "-" + i);
                lastAcknowledgedNanos = System.nanoTime();
            }
            next += interval.toNanos();
            LockSupport.parkNanos(next - System.nanoTime()); // the load's pace
        }
    }

    private static String outcome(ChariotApi.Answer answer) {
        if (answer.status() == 0) {
            return answer.hung() ? "no answer in " + ChariotApi.CLIENT_TIMEOUT.toSeconds() + "s" : "refused/failed";
        }
        if (answer.status() == 503) {
            return "503 " + (answer.acknowledged() ? "stored-not-yet-visible" : answer.problemType());
        }
        return Integer.toString(answer.status());
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

    String group() {
        return group;
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    int attempted() {
        return attempted.get();
    }

    long lastAcknowledgedNanos() {
        return lastAcknowledgedNanos;
    }

    /** How many answers of each kind ("200", "202", "503 stored-not-yet-visible", "refused/failed" ...). */
    Map<String, Integer> outcomes() {
        Map<String, Integer> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
