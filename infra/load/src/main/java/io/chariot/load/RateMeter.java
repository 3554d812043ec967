package io.chariot.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Samples a growing counter once a second (per-second rates) and prints progress on stderr every few seconds.
 * The median of the full-second samples is robust to a slow start and to the pauses of checkpoints.
 */
final class RateMeter implements AutoCloseable {

    private final String name;
    private final LongSupplier counter;
    private final int printEverySeconds;
    private final long total;
    private final List<Long> samples = new ArrayList<>();
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile boolean stopped;

    /** @param total the events expected (for the percentage), 0 when unknown */
    RateMeter(String name, LongSupplier counter, int printEverySeconds, long total) {
        this.name = name;
        this.counter = counter;
        this.printEverySeconds = printEverySeconds;
        this.total = total;
        this.thread = new Thread(this::run, "rate-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static RateMeter of(String name, AtomicLong counter, int printEverySeconds, long total) {
        return new RateMeter(name, counter::get, printEverySeconds, total);
    }

    private void run() {
        long last = counter.getAsLong();
        long next = startNanos + 1_000_000_000L;
        int second = 0;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            if (stopped) {
                return;
            }
            long now = counter.getAsLong();
            synchronized (samples) {
                samples.add(now - last);
            }
            last = now;
            next += 1_000_000_000L;
            second++;
            if (printEverySeconds > 0 && second % printEverySeconds == 0) {
                double elapsed = (System.nanoTime() - startNanos) / 1e9;
                System.err.printf(Locale.ROOT, "  %s: %,d%s in %.0f s, %,.0f/s overall, %,d/s last second%n", name, now,
                        total > 0 ? String.format(Locale.ROOT, " of %,d (%.1f%%)", total, 100.0 * now / total) : "",
                        elapsed, now / elapsed, samples.get(samples.size() - 1));
            }
        }
    }

    /** The median per-second sample so far (NaN without a full second). */
    double medianPerSecond() {
        List<Long> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        if (copy.isEmpty()) {
            return Double.NaN;
        }
        copy.sort(Long::compare);
        int n = copy.size();
        return n % 2 == 1 ? copy.get(n / 2) : (copy.get(n / 2 - 1) + copy.get(n / 2)) / 2.0;
    }

    int sampleCount() {
        synchronized (samples) {
            return samples.size();
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
