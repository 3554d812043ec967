package io.chariot.projections.instances;

import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;

/**
 * Starting and stopping streaming processors safely. Axon's tracking processor (4.12.2) loses its only worker slot
 * for good when it is shut down while its launcher is still claiming a segment — it then runs without ever claiming
 * again — so nothing here shuts a processor down before it has settled.
 */
public final class SettledProcessors {

    private static final Duration SETTLE_WAIT = Duration.ofSeconds(15);

    private SettledProcessors() {
    }

    /** Starts the processors and waits (bounded) until each has claimed its segments or found none free. */
    public static void startAndSettle(List<StreamingEventProcessor> processors) {
        processors.forEach(StreamingEventProcessor::start);
        settle(processors);
    }

    /** Shuts the processors down, each once it has settled; their claims are released. */
    public static void stopSettled(List<StreamingEventProcessor> processors) {
        settle(processors);
        processors.forEach(StreamingEventProcessor::shutDown);
    }

    /**
     * A running tracking processor that holds no segment and has no worker slot left will never claim one again
     * (see the class comment): it applies nothing, however "caught up" it looks. Restarting the process recovers it.
     */
    public static boolean stuck(StreamingEventProcessor processor) {
        return processor instanceof TrackingEventProcessor tracking && tracking.isRunning()
                && tracking.processingStatus().isEmpty() && tracking.availableProcessorThreads() == 0;
    }

    /**
     * Waits (bounded) until every running processor holds its segments. Runs even on an interrupted thread (an
     * abort interrupts a rebuild, whose clean-up restarts the processors): the interrupt is kept for afterwards.
     */
    private static void settle(List<StreamingEventProcessor> processors) {
        boolean interrupted = Thread.interrupted();
        try {
            ScheduledPoll.until(Duration.ofMillis(50), SETTLE_WAIT, () -> processors.stream()
                    .noneMatch(p -> p.isRunning() && p.processingStatus().isEmpty() && !stuck(p)));
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
