package io.chariot.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The claim → run → report loop. Claims only jobs of capabilities it has; a capability that throws fails the run
 * (JF, the exception's message as reason), so one bad target never stops the worker. A result whose items the
 * platform refuses (400) is reported again as JF without items; one it no longer accepts (the run's deadline
 * already failed it: 409) is logged and skipped. Unreachable platform or a
 * refused key end the loop with {@link ChariotApi.Failure}.
 */
public final class Worker {

    private final ChariotApi api;
    private final Map<String, Capability> capabilities;
    private final String id;
    private final Duration pollInterval;
    private final int maxJobs;
    private final Duration exitWhenIdle;
    private final Consumer<String> log;
    private volatile boolean stopping;

    public Worker(ChariotApi api, Map<String, Capability> capabilities, String id, Duration pollInterval, int maxJobs,
                  Duration exitWhenIdle, Consumer<String> log) {
        this.api = api;
        this.capabilities = Map.copyOf(capabilities);
        this.id = id;
        this.pollInterval = pollInterval;
        this.maxJobs = maxJobs;
        this.exitWhenIdle = exitWhenIdle;
        this.log = log;
    }

    /** Asks the loop to end after the job in hand (if any). */
    public void stop() {
        stopping = true;
    }

    /** Runs until stopped, {@code maxJobs} jobs were done (0: no limit) or idle for {@code exitWhenIdle}. */
    public int run() throws InterruptedException {
        log.accept("worker " + id + " polling " + api.api() + " for " + String.join(", ", capabilities.keySet()));
        int done = 0;
        Instant idleSince = Instant.now();
        while (!stopping && (maxJobs <= 0 || done < maxJobs)) {
            Optional<ClaimedJob> claimed = api.claim(capabilities.keySet(), id);
            if (claimed.isEmpty()) {
                if (exitWhenIdle != null && Duration.between(idleSince, Instant.now()).compareTo(exitWhenIdle) >= 0) {
                    log.accept("no queued job for " + exitWhenIdle.toSeconds() + "s: stopping");
                    break;
                }
                Thread.sleep(pollInterval.toMillis());
                continue;
            }
            runOne(claimed.get());
            done++;
            idleSince = Instant.now();
        }
        log.accept("worker " + id + " done: " + done + (done == 1 ? " job" : " jobs"));
        return done;
    }

    private void runOne(ClaimedJob job) {
        log.accept("claimed " + job.key());
        Capability capability = capabilities.get(job.capability());
        long started = System.nanoTime();
        List<ObjectNode> items = List.of();
        String reason = null;
        try {
            if (capability == null) {
                throw new IllegalStateException("this worker does not run " + job.capability());
            }
            items = capability.run(job, line -> log.accept("  " + job.capability() + ": " + line));
        } catch (Exception e) {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.accept("  " + job.capability() + " failed: " + reason);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        try {
            String status;
            try {
                status = api.finish(job.key(), reason == null, reason, items);
            } catch (ChariotApi.Failure f) {
                if (f.httpStatus() != 400 || items.isEmpty()) {
                    throw f;
                }
                // the platform refused an item the capability produced: fail the run rather than leave it to its deadline
                log.accept("  result of " + job.key() + " refused (" + f.getMessage() + "): reporting JF");
                items = List.of();
                status = api.finish(job.key(), false, "result refused: " + f.getMessage(), items);
            }
            log.accept("finished " + job.key() + " in " + millis + " ms: " + status.split("#")[0] + ", "
                    + items.size() + (items.size() == 1 ? " item" : " items"));
        } catch (ChariotApi.Failure f) {
            if (f.exitCode() >= 3) {
                throw f;
            }
            log.accept("result of " + job.key() + " not accepted: " + f.getMessage());
        }
    }
}
