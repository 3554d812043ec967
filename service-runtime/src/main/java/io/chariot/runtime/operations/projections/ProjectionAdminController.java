package io.chariot.runtime.operations.projections;

import io.chariot.consistency.failure.ParkedEvents;
import io.chariot.websupport.security.Operators;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.web.bind.annotation.DeleteMapping;
import io.chariot.websupport.web.ForbiddenException;
import io.chariot.projections.rebuild.ProjectionRebuilds;
import io.chariot.projections.rebuild.ProjectionRebuilds.RebuildInProgressException;
import io.chariot.projections.rebuild.ProjectionRebuilds.UnknownProjectionException;
import io.chariot.projections.rebuild.ProjectionStatus;
import io.chariot.projections.rebuild.RebuildRequest;
import io.chariot.projections.rebuild.ProjectionRebuilds.RebuildConflictException;
import io.chariot.websupport.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The projection operations over HTTP, for the {@code ./chariot projections} CLI, the explorer and scripts. Only
 * platform operators ({@code chariot.operators}, by default the bootstrap tenant) may use them.
 */
@RestController
@AppliesReadModels
class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;
    private final ParkedEvents parked;
    private final ReadModels models;
    private final EventProcessingConfiguration processing;
    private final Operators operators;

    ProjectionAdminController(ProjectionRebuilds rebuilds, ParkedEvents parked, ReadModels models,
                              EventProcessingConfiguration processing, Operators operators) {
        this.rebuilds = rebuilds;
        this.parked = parked;
        this.models = models;
        this.processing = processing;
        this.operators = operators;
    }

    /** {@code GET /admin/projections}. */
    public record Projections(List<ProjectionStatus> projections) {
    }

    /** A projection's (or processing group's) parked events: how many, and the first {@code limit} of them. */
    public record ParkedList(String name, String processingGroup, long parked, List<ParkedEvents.Parked> events) {
    }

    /** What a discard did: the events of {@code sequence} discarded, and how many stay parked in the group. */
    public record Discarded(String name, String sequence, int discarded, long parked) {
    }

    @Operation(summary = "Every projection: store, version, processing group, state, lag, segments, rebuild progress")
    @GetMapping("/admin/projections")
    Projections list(Caller caller) {
        requireOperator(caller);
        return new Projections(rebuilds.list());
    }

    @Operation(summary = "One projection in detail")
    @GetMapping("/admin/projections/{name}")
    ProjectionStatus status(Caller caller, @PathVariable String name) {
        requireOperator(caller);
        return rebuilds.status(name);
    }

    @Operation(summary = "Rebuild a projection by replaying the event store: in place, or blueGreen=true beside the "
            + "live one with an atomic switch; segments=N appliers in parallel; from=POSITION or since=ISO-8601 time "
            + "replays only later events (in place, nothing cleared); an unfinished rebuild resumes from its "
            + "checkpoint unless restart=true; maxRate=N caps events/s; dryRun=true only shows the plan")
    @PostMapping("/admin/projections/{name}/rebuild")
    ResponseEntity<?> rebuild(Caller caller, @PathVariable String name,
                              @RequestParam(defaultValue = "false") boolean dryRun,
                              @RequestParam(defaultValue = "false") boolean blueGreen,
                              @RequestParam(defaultValue = "1") int segments,
                              @RequestParam(required = false) Long from,
                              @RequestParam(required = false) String since,
                              @RequestParam(defaultValue = "false") boolean restart,
                              @RequestParam(defaultValue = "false") boolean acceptDifferences,
                              @RequestParam(defaultValue = "0") int maxRate) {
        requireOperator(caller);
        RebuildRequest request;
        try {
            request = new RebuildRequest(name, blueGreen, segments, from, since == null ? null : Instant.parse(since),
                    restart, acceptDifferences, maxRate);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("since must be an ISO-8601 instant such as 2026-11-24T10:00:00Z, got '"
                    + since + "'");
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (dryRun) {
            return ResponseEntity.ok(rebuilds.plan(request));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start(request));
    }

    @Operation(summary = "Stop a running rebuild; its checkpoint stays, so rebuilding again resumes from it")
    @PostMapping("/admin/projections/{name}/rebuild/abort")
    ProjectionStatus abort(Caller caller, @PathVariable String name) {
        requireOperator(caller);
        return rebuilds.abort(name);
    }

    @Operation(summary = "Compare the live projection with one rebuilt from scratch: per-tenant counts and "
            + "content checksums (runs to completion; the live model keeps serving)")
    @PostMapping("/admin/projections/{name}/verify")
    ProjectionStatus.Verification verify(Caller caller, @PathVariable String name,
                                         @RequestParam(defaultValue = "1") int segments) {
        requireOperator(caller);
        if (segments < 1 || segments > RebuildRequest.MAX_SEGMENTS) {
            throw new BadRequestException("segments must be between 1 and " + RebuildRequest.MAX_SEGMENTS);
        }
        return rebuilds.verify(name, segments);
    }

    @Operation(summary = "The events parked in a projection's dead-letter queue (or a saga group's, by its "
            + "processing group name): per aggregate, oldest first, with the cause")
    @GetMapping("/admin/projections/{name}/parked")
    ParkedList parked(Caller caller, @PathVariable String name,
                               @RequestParam(defaultValue = "100") int limit) {
        requireOperator(caller);
        if (limit < 1 || limit > 10_000) {
            throw new BadRequestException("limit must be between 1 and 10000");
        }
        String group = parkingGroup(name);
        return new ParkedList(name, group, parked.count(group), parked.list(group, limit));
    }

    @Operation(summary = "Apply parked events again, in order (after fixing their cause): one aggregate's "
            + "(sequence=AGGREGATE-ID) or all; a sequence that fails again stays parked with the new cause")
    @PostMapping("/admin/projections/{name}/parked/retry")
    ParkedEvents.RetryOutcome retryParked(Caller caller, @PathVariable String name,
                                          @RequestParam(required = false) String sequence) {
        requireOperator(caller);
        return parked.retry(parkingGroup(name), blankToNull(sequence));
    }

    @Operation(summary = "Discard one aggregate's parked events for good (sequence=AGGREGATE-ID): they will never "
            + "be applied to this projection")
    @DeleteMapping("/admin/projections/{name}/parked")
    Discarded discardParked(Caller caller, @PathVariable String name, @RequestParam String sequence) {
        requireOperator(caller);
        if (sequence.isBlank()) {
            throw new BadRequestException("sequence (the aggregate identifier) is required");
        }
        String group = parkingGroup(name);
        int discarded = parked.discard(group, sequence);
        return new Discarded(name, sequence, discarded, parked.count(group));
    }

    /** A projection's processing group, or a processing group named directly (a saga's); 404 if neither parks. */
    private String parkingGroup(String name) {
        String group = models.named(name).map(ReadModel::processingGroup).orElse(name);
        if (processing.deadLetterQueue(group).isEmpty()) {
            throw new UnknownProjectionException(name);
        }
        return group;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail nothingParked(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(RebuildConflictException.class)
    ProblemDetail conflict(RebuildConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(UnknownProjectionException.class)
    ProblemDetail unknown(UnknownProjectionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(RebuildInProgressException.class)
    ProblemDetail busy(RebuildInProgressException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    private void requireOperator(Caller caller) {
        if (caller.delegated() || !operators.contains(caller.user())) {
            throw new ForbiddenException(caller.user() + " is not a platform operator");
        }
    }
}
