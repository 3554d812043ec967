package io.chariot.projections.instances;

import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import io.chariot.projections.generation.ReadGenerations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps this instance in step with the others of its deployment: it follows a read alias another instance switched
 * (its live handlers and queries move to the new generation) and stops a group's processor while another instance
 * rebuilds that group, starting it again when the pause ends — the read alias first, so nothing is applied to a
 * generation that is no longer live. An instance without processors (the API services) only follows the alias.
 */
public class InstanceFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceFollower.class);

    private final ReadModels models;
    private final ReadGenerations generations;
    private final PeerPauses pauses;
    private final Optional<EventProcessingConfiguration> processing;
    private final InstanceSettings settings;
    private final Set<String> pausedHere = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService poller;

    public InstanceFollower(ReadModels models, ReadGenerations generations, PeerPauses pauses,
                            Optional<EventProcessingConfiguration> processing, InstanceSettings settings) {
        this.models = models;
        this.generations = generations;
        this.pauses = pauses;
        this.processing = processing;
        this.settings = settings;
    }

    /** One poll: renew this instance's own pause requests, follow the alias, then the others' pauses. */
    public void poll() {
        pauses.renew();
        followAlias();
        followPauses();
    }

    /** The groups this instance stopped because another asked (for status and tests). */
    public Set<String> pausedHere() {
        return Set.copyOf(pausedHere);
    }

    private void followAlias() {
        Map<String, Integer> live = generations.refresh();
        for (ReadModel model : models.all()) {
            int generation = live.getOrDefault(model.name(), 0);
            if (model.generation() != generation) {
                log.info("read model {} follows the read alias from generation {} to {}", model.name(),
                        model.generation(), generation);
                model.useGeneration(generation);
            }
        }
    }

    private void followPauses() {
        PeerPauses.Requests requests = pauses.pausedByOthers();
        if (processing.isEmpty()) {
            pauses.acknowledge(requests.asOf()); // nothing to stop here
            return;
        }
        Set<String> wanted = Set.copyOf(requests.groups());
        for (String group : wanted) {
            processor(group).filter(StreamingEventProcessor::isRunning).ifPresent(processor -> {
                SettledProcessors.stopSettled(List.of(processor));
                pausedHere.add(group);
                log.info("processor {} paused: another instance is rebuilding its read model", group);
            });
        }
        for (String group : Set.copyOf(pausedHere)) {
            if (!wanted.contains(group)) {
                processor(group).ifPresent(processor -> SettledProcessors.startAndSettle(List.of(processor)));
                pausedHere.remove(group);
                log.info("processor {} resumed: the other instance's pause ended", group);
            }
        }
        pauses.acknowledge(requests.asOf());
    }

    private Optional<StreamingEventProcessor> processor(String group) {
        return processing.flatMap(p -> p.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class));
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chariot-instance-follower");
            t.setDaemon(true);
            return t;
        });
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("following the other instances failed; next try in {} ms: {}", every, e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        var p = poller;
        if (p != null) {
            p.shutdownNow();
        }
        poller = null;
        try {
            pauses.leave();
        } catch (RuntimeException e) {
            log.debug("could not leave the instances table; the lease expires it", e);
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** After Axon's processors have started (they start in an earlier phase), before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
