package io.chariot.load;

import io.chariot.load.StepSchedule.Kind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One step of open-loop load: every request has a fixed due time ({@link StepSchedule}); {@code workers} threads
 * claim requests in order, wait for the due time and send. A worker is free unless it is waiting for an answer, so a
 * request starts late only when every worker is waiting (or the machine did not run the thread): such requests are
 * counted as late, and their latency still runs from the due time. Requests not started within a second after the
 * step's end are not sent and count as not started.
 */
final class OpenLoop {

    /** Sends one request; null when it succeeded, else a short error kind ("HTTP 503", "SocketTimeoutException"). */
    @FunctionalInterface
    interface Sender {
        String send(Kind kind, long index) throws Exception;
    }

    record Outcome(int rate, long scheduled, long late, long notStarted, Map<Kind, Long> ok, Map<Kind, Long> failed,
                   Map<String, Long> errorKinds, double seconds, StepLatencies latencies, CpuAccounting.Usage cpu) {

        long okCommands() {
            return ok.entrySet().stream().filter(e -> e.getKey().write).mapToLong(Map.Entry::getValue).sum();
        }

        long okReads() {
            return ok.entrySet().stream().filter(e -> !e.getKey().write).mapToLong(Map.Entry::getValue).sum();
        }

        long failedTotal() {
            return failed.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Failed or never started, in percent of the scheduled requests. */
        double failedPercent() {
            return scheduled == 0 ? 0 : 100.0 * (failedTotal() + notStarted) / scheduled;
        }
    }

    private static final long GRACE_NANOS = 1_000_000_000L;

    private final StepSchedule schedule;
    private final int rate;
    private final int workers;
    private final long lateNanos;
    private final Sender sender;
    private final long total;
    private final AtomicLong next = new AtomicLong();
    private final LongAdder late = new LongAdder();
    private final LongAdder notStarted = new LongAdder();
    private final Map<Kind, LongAdder> ok = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder> failed = new EnumMap<>(Kind.class);
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private final StepLatencies latencies = new StepLatencies();
    private final List<Thread> threads = new ArrayList<>();
    private long startNanos;
    private CpuAccounting.Snapshot cpu0;

    OpenLoop(StepSchedule schedule, int rate, int workers, long lateNanos, Sender sender) {
        this.schedule = schedule;
        this.rate = rate;
        this.workers = workers;
        this.lateNanos = lateNanos;
        this.sender = sender;
        this.total = schedule.requests(rate);
        for (Kind k : Kind.values()) {
            ok.put(k, new LongAdder());
            failed.put(k, new LongAdder());
        }
    }

    /** Starts the step now; returns its start (System.nanoTime). */
    long start() {
        cpu0 = CpuAccounting.snapshot();
        // A few ms ahead, so the first requests are not late because the threads were still being started.
        startNanos = System.nanoTime() + 20_000_000L;
        long cutoff = startNanos + schedule.stepSeconds() * 1_000_000_000L + GRACE_NANOS;
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> work(cutoff), "step-" + rate + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return startNanos;
    }

    private void work(long cutoff) {
        while (true) {
            long i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            long due = startNanos + StepSchedule.dueOffsetNanos(rate, i);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long begin = System.nanoTime();
            if (begin > cutoff) {
                notStarted.increment();
                continue;
            }
            if (begin - due > lateNanos) {
                late.increment();
            }
            Kind kind = schedule.kindOf(i);
            String error;
            try {
                error = sender.send(kind, i);
            } catch (Exception e) {
                error = e.getClass().getSimpleName();
            }
            long done = System.nanoTime();
            if (error == null) {
                latencies.record(kind, due, done);
                ok.get(kind).increment();
            } else {
                failed.get(kind).increment();
                errorKinds.computeIfAbsent(kind.label + " " + error, k -> new LongAdder()).increment();
            }
        }
    }

    /** Waits for the requests in flight; the step's figures. */
    Outcome finish() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        CpuAccounting.Usage cpu = CpuAccounting.since(cpu0);
        Map<Kind, Long> okCounts = new EnumMap<>(Kind.class);
        Map<Kind, Long> failedCounts = new EnumMap<>(Kind.class);
        ok.forEach((k, v) -> okCounts.put(k, v.sum()));
        failed.forEach((k, v) -> failedCounts.put(k, v.sum()));
        Map<String, Long> kinds = new TreeMap<>();
        errorKinds.forEach((k, v) -> kinds.put(k, v.sum()));
        return new Outcome(rate, total, late.sum(), notStarted.sum(), okCounts, failedCounts, kinds, seconds, latencies, cpu);
    }
}
