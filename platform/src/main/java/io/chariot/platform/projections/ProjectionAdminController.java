package io.chariot.platform.projections;

import io.chariot.gateway.tenancy.Caller;
import io.chariot.gateway.web.ForbiddenException;
import io.chariot.projections.rebuild.ProjectionRebuilds;
import io.chariot.projections.rebuild.ProjectionRebuilds.RebuildInProgressException;
import io.chariot.projections.rebuild.ProjectionRebuilds.UnknownProjectionException;
import io.chariot.projections.rebuild.ProjectionStatus;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The projection operations over HTTP, for the {@code ./chariot projections} CLI, the explorer and scripts. Only
 * platform operators ({@code chariot.operators}, by default the bootstrap tenant) may use them.
 */
@RestController
class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;
    private final Set<String> operators;

    ProjectionAdminController(ProjectionRebuilds rebuilds,
                              @Value("${chariot.operators:${CHARIOT_BOOTSTRAP_TENANT:}}") String operators) {
        this.rebuilds = rebuilds;
        this.operators = Arrays.stream(operators.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
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

    @Operation(summary = "Rebuild a projection in place by replaying the event store; dryRun=true only shows the plan")
    @PostMapping("/admin/projections/{name}/rebuild")
    ResponseEntity<?> rebuild(Caller caller, @PathVariable String name,
                              @RequestParam(defaultValue = "false") boolean dryRun) {
        requireOperator(caller);
        if (dryRun) {
            return ResponseEntity.ok(rebuilds.plan(name));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start(name));
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
