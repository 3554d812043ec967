package io.chariot.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed loop: {@code concurrency} threads each send one request, wait for its answer and send the next, until a
 * deadline or a request budget. Latency is recorded per successful request in microseconds (a closed loop does not
 * correct for coordinated omission: the numbers are service times under this concurrency).
 */
final class LoadRunner {

    /** One request; returns null on success or a short error kind ("HTTP 409", "IOException"...). */
    @FunctionalInterface
    interface Call {
        String run(int worker, long sequence) throws Exception;
    }

    record Result(String name, int concurrency, long ok, long errors, Map<String, Long> errorKinds, double seconds,
                  Histogram latencyMicros, CpuAccounting.Usage cpu) {

        double throughput() {
            return seconds <= 0 ? 0 : ok / seconds;
        }

        double ms(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN
                    : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMs() {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
        }
    }

    /** Print the throughput of every interval of this many seconds while a phase runs (0: never). */
    static volatile int progressSeconds;

    static final long HIGHEST_MICROS = Duration.ofMinutes(5).toNanos() / 1000;

    static Histogram histogram() {
        return new Histogram(1, HIGHEST_MICROS, 3);
    }

    private LoadRunner() {
    }

    /**
     * Runs {@code call} from {@code concurrency} threads for {@code duration}, or until {@code maxRequests}
     * requests were started when that is positive.
     */
    static Result run(String name, int concurrency, Duration duration, long maxRequests, AtomicLong sequence,
                      Call call) throws InterruptedException {
        List<Histogram> histograms = new ArrayList<>();
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(concurrency);
        long budgetEnd = maxRequests > 0 ? sequence.get() + maxRequests : Long.MAX_VALUE;
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Histogram h = histogram();
            histograms.add(h);
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < deadline[0]) {
                        long seq = sequence.getAndIncrement();
                        if (seq >= budgetEnd) {
                            break;
                        }
                        long t0 = System.nanoTime();
                        String error;
                        try {
                            error = call.run(worker, seq);
                        } catch (Exception e) {
                            error = e.getClass().getSimpleName();
                        }
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (error == null) {
                            h.recordValue(Math.max(1, Math.min(micros, HIGHEST_MICROS)));
                            ok.increment();
                        } else {
                            errors.increment();
                            kinds.computeIfAbsent(error, k -> new LongAdder()).increment();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, name + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        CpuAccounting.Snapshot cpu0 = CpuAccounting.snapshot();
        long t0 = System.nanoTime();
        deadline[0] = maxRequests > 0 ? Long.MAX_VALUE : t0 + duration.toNanos();
        start.countDown();
        if (progressSeconds > 0) {
            Thread progress = new Thread(() -> {
                long last = 0;
                long lastErrors = 0;
                try {
                    while (!done.await(progressSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
                        long now = ok.sum();
                        long err = errors.sum();
                        System.out.printf(java.util.Locale.ROOT, "   [%s] +%ds: %.0f/s, %d errors%n", name,
                                (System.nanoTime() - t0) / 1_000_000_000L, (now - last) / (double) progressSeconds,
                                err - lastErrors);
                        last = now;
                        lastErrors = err;
                    }
                } catch (InterruptedException ignored) {
                    // phase over
                }
            }, name + "-progress");
            progress.setDaemon(true);
            progress.start();
        }
        done.await();
        if (maxRequests > 0) {
            // Workers that found the budget spent still took a number: give those back.
            sequence.accumulateAndGet(budgetEnd, Math::min);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuAccounting.Usage cpu = CpuAccounting.since(cpu0);
        Histogram all = histogram();
        histograms.forEach(all::add);
        Map<String, Long> errorKinds = new TreeMap<>();
        kinds.forEach((k, v) -> errorKinds.put(k, v.sum()));
        return new Result(name, concurrency, ok.sum(), errors.sum(), errorKinds, seconds, all, cpu);
    }
}
