package io.chariot.projections.rebuild;

import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists projections and rebuilds one in place, by replaying the event store — never Kafka — while the others keep
 * running:
 * <ol>
 *     <li>capture the live source's head (the hand-over point) and the event store's head (the total);</li>
 *     <li>stop the projection's processor and reset its token to the hand-over point, which runs its reset handler
 *     (the model clears its own data);</li>
 *     <li>replay the event store into the model, reporting progress;</li>
 *     <li>start the processor again: it resumes the live stream at the hand-over point; events it sees again are
 *     ignored by the model's sequence-number guards.</li>
 * </ol>
 * Stopping the processor stops it on this instance only: the multi-instance hand-shake is not built yet.
 */
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final ReadModels models;
    private final EventProcessingConfiguration processing;
    private final EventStoreReplayer replayer;
    private final LiveSource live;
    private final Clock clock;
    private final Map<String, RebuildProgress> rebuilds = new ConcurrentHashMap<>();

    public ProjectionRebuilds(ReadModels models, EventProcessingConfiguration processing, EventStoreReplayer replayer,
                              LiveSource live, Clock clock) {
        this.models = models;
        this.processing = processing;
        this.replayer = replayer;
        this.live = live;
        this.clock = clock;
    }

    public List<ProjectionStatus> list() {
        return models.all().stream().map(this::status).toList();
    }

    public ProjectionStatus status(String name) {
        return status(model(name));
    }

    public Optional<RebuildProgress> progress(String name) {
        return Optional.ofNullable(rebuilds.get(name));
    }

    public ProjectionStatus.Plan plan(String name) {
        ReadModel model = model(name);
        return new ProjectionStatus.Plan(model.name(), model.store(), replayer.headPosition(), List.of(
                "capture the live head (Kafka end offsets) as the hand-over point",
                "stop processor " + model.processingGroup() + " and reset its token to the hand-over point",
                "clear " + model.name() + " in " + model.store() + " (its own data only)",
                "replay the event store up to its current head into " + model.name(),
                "start processor " + model.processingGroup() + ": it resumes from the hand-over point"));
    }

    /** Starts an in-place rebuild in the background. */
    public synchronized ProjectionStatus start(String name) {
        ReadModel model = model(name);
        RebuildProgress running = rebuilds.get(name);
        if (running != null && running.state() == RebuildProgress.State.RUNNING) {
            throw new RebuildInProgressException(name);
        }
        StreamingEventProcessor processor = processor(model)
                .orElseThrow(() -> new IllegalStateException("no streaming processor for " + model.processingGroup()));
        TrackingToken handOver = live.headToken();
        RebuildProgress progress = new RebuildProgress(clock, replayer.headPosition());
        rebuilds.put(name, progress);
        Thread worker = new Thread(() -> run(model, processor, handOver, progress), "rebuild-" + name);
        worker.setDaemon(true);
        worker.start();
        return status(model);
    }

    private void run(ReadModel model, StreamingEventProcessor processor, TrackingToken handOver,
                     RebuildProgress progress) {
        try {
            processor.shutDown();
            // Runs the @ResetHandler: the model clears its own data.
            processor.resetTokens(handOver);
            replayer.replayInto(List.of(model), progress::advance);
            progress.done();
            log.info("rebuild of {} caught up after {} events", model.name(), progress.eventsDone());
        } catch (RuntimeException e) {
            log.error("rebuild of {} failed", model.name(), e);
            progress.failed(e);
        } finally {
            processor.start();
        }
    }

    private ProjectionStatus status(ReadModel model) {
        var processor = processor(model);
        List<ProjectionStatus.Segment> segments = new ArrayList<>();
        Long lag = null;
        boolean replaying = false;
        boolean failed = false;
        if (processor.isPresent()) {
            for (EventTrackerStatus s : processor.get().processingStatus().values()) {
                Long position = s.getCurrentPosition().isPresent() ? s.getCurrentPosition().getAsLong() : null;
                segments.add(new ProjectionStatus.Segment(s.getSegment().getSegmentId(), position, s.isCaughtUp(),
                        s.isReplaying(), s.isErrorState() ? String.valueOf(s.getError()) : null));
                replaying |= s.isReplaying();
                failed |= s.isErrorState();
                var segmentLag = live.lag(s.getTrackingToken());
                if (segmentLag.isPresent()) {
                    lag = (lag == null ? 0 : lag) + segmentLag.getAsLong();
                }
            }
        }
        RebuildProgress rebuild = rebuilds.get(model.name());
        String state;
        if (rebuild != null && rebuild.state() == RebuildProgress.State.RUNNING) {
            state = "rebuilding";
        } else if (failed || processor.map(StreamingEventProcessor::isError).orElse(false)
                || (rebuild != null && rebuild.state() == RebuildProgress.State.FAILED)) {
            state = "failed";
        } else if (processor.isEmpty() || !processor.get().isRunning()) {
            state = "stopped";
        } else {
            state = replaying ? "replaying" : "live";
        }
        return new ProjectionStatus(model.name(), model.store(), model.version(), model.processingGroup(), state, lag,
                segments, rebuild == null ? null : ProjectionStatus.Rebuild.of(rebuild));
    }

    private Optional<StreamingEventProcessor> processor(ReadModel model) {
        return processing.eventProcessor(model.processingGroup(), StreamingEventProcessor.class);
    }

    private ReadModel model(String name) {
        return models.named(name).orElseThrow(() -> new UnknownProjectionException(name));
    }

    public static class UnknownProjectionException extends RuntimeException {
        public UnknownProjectionException(String name) {
            super("unknown projection '" + name + "'");
        }
    }

    public static class RebuildInProgressException extends RuntimeException {
        public RebuildInProgressException(String name) {
            super("a rebuild of '" + name + "' is already running");
        }
    }
}
