package io.chariot.routing;

import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Announces this instance's membership (load factor, the commands it handles) to the cluster again and again. The
 * JGroups connector announces it only when the view changes, and a joining instance drops an announcement that
 * arrives before it has installed the view naming its sender ("not in my current view"): it would then think it owns
 * every aggregate while the others route some to it — two owners. Seen in {@code CommandsAcrossInstancesTest}; the
 * next announcement repairs it. Stops first on shutdown, so it never re-announces an instance that has withdrawn.
 */
final class MembershipAnnouncements implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MembershipAnnouncements.class);

    private final DistributedCommandBus bus;
    private final int loadFactor;
    private final Duration interval;
    private ScheduledExecutorService timer;

    MembershipAnnouncements(DistributedCommandBus bus, int loadFactor, Duration interval) {
        this.bus = bus;
        this.loadFactor = loadFactor;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-routing-announcements");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::announce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void announce() {
        try {
            bus.updateLoadFactor(loadFactor); // re-broadcasts the load factor with the current command filter
        } catch (RuntimeException e) {
            log.warn("could not announce this instance's command routing membership: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Started last and stopped first, before Axon withdraws the instance from the cluster. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
