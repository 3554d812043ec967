package io.chariot.platform.projections;

import io.chariot.gateway.security.Operators;
import io.chariot.gateway.tenancy.Caller;
import io.chariot.gateway.web.ForbiddenException;
import io.chariot.projections.rebuild.ProjectionRebuilds;
import io.chariot.projections.rebuild.ProjectionRebuilds.RebuildInProgressException;
import io.chariot.projections.rebuild.ProjectionRebuilds.UnknownProjectionException;
import io.chariot.projections.rebuild.ProjectionStatus;
import io.chariot.projections.rebuild.RebuildRequest;
import io.chariot.projections.rebuild.ProjectionRebuilds.RebuildConflictException;
import io.chariot.gateway.web.BadRequestException;
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
import java.util.Map;

/**
 * The projection operations over HTTP, for the {@code ./chariot projections} CLI, the explorer and scripts. Only
 * platform operators ({@code chariot.operators}, by default the bootstrap tenant) may use them.
 */
@RestController
class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;
    private final Operators operators;

    ProjectionAdminController(ProjectionRebuilds rebuilds, Operators operators) {
        this.rebuilds = rebuilds;
        this.operators = operators;
    }

    @Operation(summary = "Every projection: store, version, processing group, state, lag, segments, rebuild progress")
    @GetMapping("/admin/projections")
    Map<String, List<ProjectionStatus>> list(Caller caller) {
        requireOperator(caller);
        return Map.of("projections", rebuilds.list());
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
