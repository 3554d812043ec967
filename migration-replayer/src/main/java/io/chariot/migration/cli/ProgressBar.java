package io.chariot.migration.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress bar on one terminal line (records done of total, rate, ETA), redrawn at most every 200 ms; without a
 * terminal, one plain line every 10 s, so a log shows progress too.
 */
final class ProgressBar {

    private final PrintStream out;
    private final long total;
    private final String what;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long startDone = -1;
    private long lastDraw;
    private long last;

    ProgressBar(PrintStream out, long total, String what) {
        this.out = out;
        this.total = total;
        this.what = what;
        this.terminal = System.console() != null;
    }

    synchronized void update(long done) {
        if (startDone < 0) {
            startDone = done;
        }
        last = done;
        long now = System.nanoTime();
        if (now - lastDraw < (terminal ? 200_000_000L : 10_000_000_000L) && done < total) {
            return;
        }
        lastDraw = now;
        draw(done, now);
    }

    synchronized void finish() {
        draw(last, System.nanoTime());
        if (terminal) {
            out.println();
        }
    }

    private void draw(long done, long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = (done - Math.max(0, startDone)) / seconds;
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, done * width / total);
        String eta = rate <= 0 || done >= total ? "-" : format(Duration.ofSeconds((long) ((total - done) / rate)));
        String line = String.format(Locale.ROOT, "[%s%s] %,d/%,d %s  %,.0f/s  ETA %s", "#".repeat(filled),
                ".".repeat(width - filled), done, total, what, rate, eta);
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
