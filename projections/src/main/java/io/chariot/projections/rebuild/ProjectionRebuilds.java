package io.chariot.projections.rebuild;

import io.chariot.consistency.RebuildsInPlace;
import io.chariot.consistency.failure.ParkedEvents;
import io.chariot.consistency.failure.ProcessingFailures;
import io.chariot.projections.instances.PeerPauses;
import io.chariot.projections.instances.SettledProcessors;
import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import io.chariot.projections.generation.ReadGenerations;
import io.chariot.projections.rebuild.RebuildCheckpoints.Checkpoint;
import io.chariot.projections.rebuild.RebuildCheckpoints.Mode;
import io.chariot.projections.replay.EventStoreReplayer;
import io.chariot.projections.replay.EventStoreReplayer.Options;
import io.chariot.projections.replay.EventStoreReplayer.ReplayInterruptedException;
import io.chariot.projections.verify.ReadModelDigest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lists, rebuilds and verifies projections by replaying the event store — never Kafka — while queries keep being
 * served. Read models that write into each other's data (the graph) are rebuilt together.
 * <p>
 * <b>In place</b>: capture the live head (Kafka end offsets) as the hand-over point; stop the group's processors and
 * reset their tokens to it, which runs their reset handlers (each model clears its own data); replay the event store
 * into the live models; start the processors: they resume Kafka at the hand-over point and whatever they see again
 * is ignored by the models' per-aggregate sequence guards. With {@code from}/{@code since} nothing is cleared: only
 * the later events are replayed into the model as it is.
 * <p>
 * <b>Blue-green</b>: build a new generation beside the live one (own table, suffixed labels, own key prefix) while
 * the live one keeps serving and following Kafka; when it has reached the head, pause the live processors, let both
 * catch up with the event store's head, compare them (verify), switch the read alias in one transaction, point the
 * live handlers at the new generation, resume, and drop the old generation after a grace period. Queries never see
 * a half-built model: they read the old generation until the alias switches.
 * <p>
 * <b>Resumable</b>: every few thousand events the position reached is saved ({@link RebuildCheckpoints}); a rebuild
 * started again after a kill or an abort continues from there, into the same generation. Replaying is idempotent,
 * so running a rebuild twice gives the same result.
 * <p>
 * Processors are stopped on this instance only: the multi-instance hand-shake is not built (one platform instance
 * owns the read models today).
 */
public class ProjectionRebuilds implements RebuildsInPlace {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(60);

    private final ReadModels models;
    private final EventProcessingConfiguration processing;
    private final EventStoreReplayer replayer;
    private final LiveSource live;
    private final ReadGenerations generations;
    private final RebuildCheckpoints checkpoints;
    private final ProcessingFailures failures;
    private final PeerPauses peers;
    private final ParkedEvents parked;
    private final Clock clock;
    private final Duration dropGrace;
    private final int checkpointEvery;
    private final Map<String, RebuildProgress> progress = new ConcurrentHashMap<>();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService dropper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rebuild-dropper");
        t.setDaemon(true);
        return t;
    });

    public ProjectionRebuilds(ReadModels models, EventProcessingConfiguration processing, EventStoreReplayer replayer,
                              LiveSource live, ReadGenerations generations, RebuildCheckpoints checkpoints,
                              ProcessingFailures failures, ParkedEvents parked, PeerPauses peers, Clock clock,
                              Duration dropGrace, int checkpointEvery) {
        this.models = models;
        this.peers = peers;
        this.failures = failures;
        this.parked = parked;
        this.processing = processing;
        this.replayer = replayer;
        this.live = live;
        this.generations = generations;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.dropGrace = dropGrace;
        this.checkpointEvery = checkpointEvery;
    }

    public List<ProjectionStatus> list() {
        return models.all().stream().map(this::status).toList();
    }

    public ProjectionStatus status(String name) {
        return status(model(name));
    }

    public Optional<RebuildProgress> progress(String name) {
        return Optional.ofNullable(progress.get(name));
    }

    public ProjectionStatus.Plan plan(RebuildRequest request) {
        ReadModel model = model(request.name());
        List<ReadModel> group = group(model);
        List<String> names = names(group);
        String groups = String.join(", ", processingGroups(group));
        Optional<Checkpoint> resume = resumable(request, names);
        long head = replayer.headPosition();
        Long from = resume.map(Checkpoint::position).orElse(startPosition(request));
        List<String> steps = new ArrayList<>();
        if (names.size() > 1) {
            steps.add("rebuild " + String.join(" and ", names) + " together (they write into each other's data)");
        }
        resume.ifPresent(c -> steps.add("resume the unfinished " + mode(c.mode()) + " rebuild from its checkpoint "
                + "at position " + c.position() + " (--restart starts over)"));
        Mode mode = resume.map(Checkpoint::mode).orElse(request.blueGreen() ? Mode.BLUE_GREEN : Mode.IN_PLACE);
        if (mode == Mode.BLUE_GREEN) {
            int liveGeneration = model.generation();
            steps.add("build generation " + (resume.isPresent() ? resume.get().generation() : "n+1") + " of "
                    + String.join(", ", names) + " beside live generation " + liveGeneration + " in " + model.store()
                    + "; queries keep reading generation " + liveGeneration);
            steps.add("replay the event store up to its head into it (" + request.segments() + " segment(s))");
            steps.add("pause processor(s) " + groups + ", catch both generations up with the event store's head");
            steps.add("verify: compare per-tenant counts and checksums of both generations"
                    + (request.acceptDifferences() ? " (differences reported, switch anyway)"
                    : " (any difference stops here and keeps the live generation)"));
            steps.add("switch the read alias to the new generation in one transaction and resume " + groups);
            steps.add("drop generation " + liveGeneration + " after " + dropGrace.toSeconds() + " s");
        } else if (request.partial() && resume.isEmpty()) {
            steps.add("stop processor(s) " + groups + " (the model is not cleared)");
            steps.add("replay the events after position " + from + " up to the head into " + String.join(", ", names));
            steps.add("start processor(s) " + groups + " where they were");
        } else {
            steps.add("capture the live head (Kafka end offsets) as the hand-over point");
            steps.add("stop processor(s) " + groups + (resume.isPresent() ? "" : " and reset their tokens to the "
                    + "hand-over point"));
            if (resume.isEmpty()) {
                steps.add("clear " + String.join(", ", names) + " in " + model.store() + " (their own data only)");
            }
            steps.add("replay the event store up to its current head into " + String.join(", ", names)
                    + " (" + request.segments() + " segment(s))");
            steps.add("start processor(s) " + groups + ": they resume from the hand-over point");
        }
        return new ProjectionStatus.Plan(model.name(), model.store(), mode(mode), names,
                Math.max(head - (from == null ? 0 : from), 0), from, steps);
    }

    /** Starts a rebuild (or resumes an unfinished one) in the background. */
    public synchronized ProjectionStatus start(RebuildRequest request) {
        ReadModel model = model(request.name());
        List<ReadModel> group = group(model);
        List<String> names = names(group);
        requireIdle(names);
        for (ReadModel m : group) {
            processor(m).orElseThrow(() -> new IllegalStateException("no streaming processor for "
                    + m.processingGroup()));
        }
        Optional<Checkpoint> resume = resumable(request, names);
        if (resume.isPresent() && resume.get().mode() != (request.blueGreen() ? Mode.BLUE_GREEN : Mode.IN_PLACE)) {
            throw new RebuildConflictException("an unfinished " + mode(resume.get().mode()) + " rebuild of '"
                    + names.get(0) + "' exists: run it again the same way to resume it, or pass restart to discard it");
        }
        long head = replayer.headPosition();
        Checkpoint checkpoint;
        if (resume.isPresent()) {
            Checkpoint c = resume.get();
            checkpoint = new Checkpoint(c.projection(), c.models(), c.mode(), c.generation(), request.segments(),
                    c.fromPosition(), c.position(), head, c.eventsDone(), "running", clock.instant());
        } else {
            Mode mode = request.blueGreen() ? Mode.BLUE_GREEN : Mode.IN_PLACE;
            int generation = mode == Mode.BLUE_GREEN ? generations.allocate(names) : model.generation();
            Long from = startPosition(request);
            checkpoint = new Checkpoint(names.get(0), names, mode, generation, request.segments(), from, from, head,
                    0, "running", clock.instant());
        }
        checkpoints.begin(checkpoint);
        long resumedEvents = resume.map(Checkpoint::eventsDone).orElse(0L);
        long base = checkpoint.position() == null ? 0 : checkpoint.position();
        RebuildProgress p = new RebuildProgress(clock, resumedEvents + Math.max(head - base, 0),
                mode(checkpoint.mode()), checkpoint.generation(), resumedEvents);
        p.advance(resumedEvents);
        names.forEach(n -> progress.put(n, p));
        boolean fresh = resume.isEmpty();
        Thread worker = new Thread(() -> {
            try {
                if (checkpoint.mode() == Mode.BLUE_GREEN) {
                    blueGreen(group, checkpoint, request, p);
                } else {
                    inPlace(group, checkpoint, fresh && !request.partial(), request, p);
                }
            } finally {
                names.forEach(running::remove);
            }
        }, "rebuild-" + names.get(0));
        worker.setDaemon(true);
        names.forEach(n -> running.put(n, worker));
        worker.start();
        return status(model);
    }

    /** Stops a running rebuild as a crash would, but cleanly: its checkpoint stays, so starting it again resumes. */
    public ProjectionStatus abort(String name) {
        ReadModel model = model(name);
        Thread worker = running.get(model.name());
        if (worker == null) {
            throw new RebuildConflictException("no rebuild of '" + name + "' is running");
        }
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status(model);
    }

    /**
     * Rebuilds the projection from scratch into a scratch generation beside the live one, brings both to the same
     * event-store position (pausing the live processors only for that last step) and compares per-tenant counts and
     * content checksums. Changes nothing in the live model beyond applying events it was about to get anyway.
     */
    public ProjectionStatus.Verification verify(String name, int segments) {
        ReadModel model = model(name);
        List<ReadModel> group = group(model);
        List<String> names = names(group);
        synchronized (this) {
            requireIdle(names);
            names.forEach(n -> running.put(n, Thread.currentThread()));
        }
        int scratchGeneration = generations.allocate(names);
        List<ReadModel> scratch = group.stream().map(m -> m.forGeneration(scratchGeneration)).toList();
        try {
            long startHead = replayer.headPosition();
            scratch.forEach(ReadModel::drop);
            var built = replayer.replay(scratch, Options.defaults().segments(segments));
            List<StreamingEventProcessor> processors = processors(group);
            awaitCaughtUp(processors);
            long events;
            try {
                pauseEverywhere(group, processors);
                // Both sides to exactly the same position: events the live side has seen already are no-ops.
                long cut = replayer.headPosition();
                replayer.replay(group, Options.defaults().from(startHead).until(cut));
                events = built.events() + replayer.replay(scratch, Options.defaults().from(built.lastPosition())
                        .until(cut)).events();
            } finally {
                resumeEverywhere(group, processors);
            }
            List<ProjectionStatus.ModelVerification> results = compare(group, scratch);
            boolean matches = results.stream().allMatch(r -> r.differences().isEmpty());
            log.info("verify {}: {}", names, matches ? "matches" : "differences found");
            return new ProjectionStatus.Verification(model.name(), matches, events, results);
        } finally {
            scratch.forEach(ReadModel::drop);
            names.forEach(running::remove);
        }
    }

    // ------------------------------------------------------------------------------------------------ in place

    private void inPlace(List<ReadModel> group, Checkpoint checkpoint, boolean clear, RebuildRequest request,
                         RebuildProgress p) {
        List<StreamingEventProcessor> processors = processors(group);
        try {
            p.phase("stopping processors");
            pauseEverywhere(group, processors);
            if (clear) {
                TrackingToken handOver = live.headToken();
                p.phase("clearing");
                // Runs the @ResetHandlers: each model clears its own data.
                processors.forEach(processor -> processor.resetTokens(handOver));
            }
            p.phase("replaying");
            replay(group, checkpoint, request, p);
            checkpoints.finish(checkpoint.projection(), "done", null);
            p.done();
            log.info("in-place rebuild of {} caught up after {} events", checkpoint.models(), p.eventsDone());
        } catch (ReplayInterruptedException e) {
            p.aborted();
            log.warn("rebuild of {} aborted; its checkpoint stays for a resume", checkpoint.models());
        } catch (RuntimeException e) {
            fail(checkpoint, p, e);
        } finally {
            resumeEverywhere(group, processors);
        }
    }

    // ---------------------------------------------------------------------------------------------- blue-green

    private void blueGreen(List<ReadModel> group, Checkpoint checkpoint, RebuildRequest request, RebuildProgress p) {
        int green = checkpoint.generation();
        List<ReadModel> next = group.stream().map(m -> m.forGeneration(green)).toList();
        List<StreamingEventProcessor> processors = processors(group);
        boolean paused = false;
        boolean switched = false;
        try {
            if (checkpoint.position() == null) {
                p.phase("preparing generation " + green);
                next.forEach(ReadModel::drop); // a leftover of an earlier, abandoned build of this number
            }
            long startHead = replayer.headPosition();
            p.phase("building generation " + green);
            Long reached = replay(next, checkpoint, request, p);
            p.phase("catching up");
            awaitCaughtUp(processors);
            paused = true;
            pauseEverywhere(group, processors);
            // Both generations to exactly the same position, so verify compares like with like.
            long cut = replayer.headPosition();
            replayer.replay(group, Options.defaults().from(startHead).until(cut));
            long more = replayer.replay(next, Options.defaults().from(reached).until(cut)).events();
            p.advance(p.eventsDone() + more);
            p.phase("verifying");
            List<ProjectionStatus.ModelVerification> results = compare(group, next);
            List<ReadModelDigest.Difference> differences = results.stream()
                    .flatMap(r -> r.differences().stream()).toList();
            p.differences(differences);
            boolean versionChanged = group.stream().anyMatch(m -> m.version() != generations.version(m.name()));
            if (!differences.isEmpty() && !request.acceptDifferences() && !versionChanged) {
                throw new IllegalStateException("verify found " + differences.size() + " tenant(s) that differ "
                        + "between the live generation and generation " + green + "; the live generation stays. "
                        + "Pass accept-differences to switch anyway");
            }
            p.phase("switching");
            int old = group.get(0).generation();
            Map<String, Integer> versions = new LinkedHashMap<>();
            group.forEach(m -> versions.put(m.name(), m.version()));
            generations.switchTo(versions, green);
            group.forEach(m -> m.useGeneration(green));
            switched = true;
            paused = false;
            resumeEverywhere(group, processors);
            checkpoints.finish(checkpoint.projection(), "done", null);
            dropLater(group.stream().map(m -> m.forGeneration(old)).toList());
            p.done();
            log.info("blue-green rebuild of {} switched to generation {} after {} events", names(group), green,
                    p.eventsDone());
        } catch (ReplayInterruptedException e) {
            p.aborted();
            log.warn("blue-green rebuild of {} aborted; generation {} and its checkpoint stay for a resume",
                    names(group), green);
        } catch (RuntimeException e) {
            fail(checkpoint, p, e);
            if (!switched) {
                next.forEach(ReadModel::drop);
            }
        } finally {
            if (paused) {
                resumeEverywhere(group, processors);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Replays from the checkpoint to the head, saving checkpoints on the way. @return the last position */
    private Long replay(List<ReadModel> targets, Checkpoint checkpoint, RebuildRequest request, RebuildProgress p) {
        long before = p.eventsDone();
        var outcome = replayer.replay(targets, Options.defaults()
                .from(checkpoint.position())
                .segments(request.segments())
                .maxRate(request.maxRate())
                .checkpointEvery(checkpointEvery)
                .progress(done -> p.advance(before + done))
                .checkpoint((position, done) -> checkpoints.advance(checkpoint.projection(), position,
                        before + done)));
        p.advance(before + outcome.events());
        return outcome.lastPosition();
    }

    private List<ProjectionStatus.ModelVerification> compare(List<ReadModel> live, List<ReadModel> rebuilt) {
        List<ProjectionStatus.ModelVerification> results = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            ReadModelDigest a = live.get(i).digest();
            ReadModelDigest b = rebuilt.get(i).digest();
            var tenants = new java.util.TreeSet<>(a.tenants().keySet());
            tenants.addAll(b.tenants().keySet());
            results.add(new ProjectionStatus.ModelVerification(live.get(i).name(), live.get(i).store(),
                    live.get(i).generation(), a.records(), b.records(), tenants.size(),
                    ReadModelDigest.compare(a, b)));
        }
        return results;
    }

    /**
     * Drops a generation no query reads any more, after the grace that lets queries already running on it finish
     * (and other instances' caches, once they follow the alias).
     */
    private void dropLater(List<ReadModel> previous) {
        dropper.schedule(() -> {
            try {
                previous.forEach(ReadModel::drop);
                log.info("dropped generation {} of {}", previous.get(0).generation(), names(previous));
            } catch (RuntimeException e) {
                log.warn("could not drop generation {} of {}; drop it by hand", previous.get(0).generation(),
                        names(previous), e);
            }
        }, dropGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the group's processors here and on every other instance (ADR 0005's hand-shake): asks the others first,
     * so none claims what this one releases, then waits until no instance holds a segment of the group.
     */
    private void pauseEverywhere(List<ReadModel> group, List<StreamingEventProcessor> processors) {
        List<String> groups = group.stream().map(ReadModel::processingGroup).distinct().toList();
        peers.request(groups);
        SettledProcessors.stopSettled(processors);
        peers.awaitReleased(groups);
    }

    /** Lets every instance apply the group again (the others follow a switched read alias first). */
    private void resumeEverywhere(List<ReadModel> group, List<StreamingEventProcessor> processors) {
        peers.release(group.stream().map(ReadModel::processingGroup).distinct().toList());
        SettledProcessors.startAndSettle(processors);
    }

    private void awaitCaughtUp(List<StreamingEventProcessor> processors) {
        long deadline = System.nanoTime() + CATCH_UP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            // A processor that has claimed nothing is not caught up, however empty its status.
            boolean caughtUp = processors.stream().allMatch(proc -> !proc.processingStatus().isEmpty()
                    && proc.processingStatus().values().stream()
                    .allMatch(s -> s.isCaughtUp() && live.lag(s.getTrackingToken()).orElse(0) == 0));
            if (caughtUp) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        log.warn("live processors did not report caught up within {}; comparing anyway", CATCH_UP_WAIT);
    }

    private void fail(Checkpoint checkpoint, RebuildProgress p, RuntimeException e) {
        log.error("rebuild of {} failed", checkpoint.models(), e);
        checkpoints.finish(checkpoint.projection(), "failed", String.valueOf(e.getMessage()));
        p.failed(e);
    }

    private Optional<Checkpoint> resumable(RebuildRequest request, List<String> names) {
        if (request.restart() || request.partial()) {
            return Optional.empty();
        }
        return checkpoints.find(names.get(0)).filter(Checkpoint::unfinished)
                .filter(c -> c.models().equals(names));
    }

    private Long startPosition(RebuildRequest request) {
        if (request.fromPosition() != null) {
            return request.fromPosition();
        }
        return request.since() == null ? null : replayer.positionAt(request.since());
    }

    private void requireIdle(List<String> names) {
        for (String n : names) {
            if (running.containsKey(n)) {
                throw new RebuildInProgressException(n);
            }
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
                        s.isReplaying(), s.isErrorState() ? ProcessingFailures.describe(s.getError()) : null));
                replaying |= s.isReplaying();
                failed |= s.isErrorState();
                var segmentLag = live.lag(s.getTrackingToken());
                if (segmentLag.isPresent()) {
                    lag = (lag == null ? 0 : lag) + segmentLag.getAsLong();
                }
            }
        }
        RebuildProgress rebuild = progress.get(model.name());
        var failing = failures.failing(model.processingGroup()).map(f -> new ProjectionStatus.Failing(
                f.since().toString(), f.attempts(), f.cause())).orElse(null);
        String state;
        if (rebuild != null && rebuild.state() == RebuildProgress.State.RUNNING) {
            state = "rebuilding";
        } else if (failing != null) {
            state = "retrying";
        } else if (failed || processor.map(StreamingEventProcessor::isError).orElse(false)
                || (rebuild != null && rebuild.state() == RebuildProgress.State.FAILED)) {
            state = "failed";
        } else if (processor.isEmpty() || !processor.get().isRunning()) {
            state = "stopped";
        } else if (SettledProcessors.stuck(processor.get())) {
            state = "stuck";
        } else {
            state = replaying ? "replaying" : "live";
        }
        return new ProjectionStatus(model.name(), model.store(), model.version(), model.processingGroup(), state,
                model.generation(), lag, parked.count(model.processingGroup()), failing, segments, rebuild == null ? null : ProjectionStatus.Rebuild.of(rebuild));
    }

    private List<ReadModel> group(ReadModel model) {
        return model.rebuiltWith().stream().map(this::model).toList();
    }

    private static List<String> names(List<ReadModel> group) {
        return group.stream().map(ReadModel::name).toList();
    }

    private static List<String> processingGroups(List<ReadModel> group) {
        return group.stream().map(ReadModel::processingGroup).toList();
    }

    private List<StreamingEventProcessor> processors(List<ReadModel> group) {
        return group.stream().map(m -> processor(m).orElseThrow(() -> new IllegalStateException(
                "no streaming processor for " + m.processingGroup()))).toList();
    }

    private Optional<StreamingEventProcessor> processor(ReadModel model) {
        return processing.eventProcessor(model.processingGroup(), StreamingEventProcessor.class);
    }

    private ReadModel model(String name) {
        return models.named(name).orElseThrow(() -> new UnknownProjectionException(name));
    }

    /** True while an in-place rebuild of the model fed by this processing group runs (writes do not wait for it). */
    @Override
    public boolean inProgress(String processingGroup) {
        return models.all().stream().filter(m -> m.processingGroup().equals(processingGroup))
                .map(m -> progress.get(m.name()))
                .anyMatch(p -> p != null && p.state() == RebuildProgress.State.RUNNING
                        && mode(Mode.IN_PLACE).equals(p.mode()));
    }

    private static String mode(Mode mode) {
        return mode == Mode.BLUE_GREEN ? "blue-green" : "in-place";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayInterruptedException(0);
        }
    }

    public static class UnknownProjectionException extends RuntimeException {
        public UnknownProjectionException(String name) {
            super("unknown projection '" + name + "'");
        }
    }

    public static class RebuildInProgressException extends RuntimeException {
        public RebuildInProgressException(String name) {
            super("a rebuild or verify of '" + name + "' is already running");
        }
    }

    public static class RebuildConflictException extends RuntimeException {
        public RebuildConflictException(String message) {
            super(message);
        }
    }
}
