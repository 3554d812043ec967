package io.chariot.job.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.input.CommandInputs;
import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobResults;
import io.chariot.api.job.RunLimits;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.job.Capabilities;
import io.chariot.job.Capabilities.Capability;
import io.chariot.job.claiming.ClaimingJob;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The job slice of Chariot's API (chariot-api.md §3.4, tier 5) and the worker API. {@code POST /job} validates
 * every capability before it sends any command, so a rejected request queues nothing. Workers act for the caller's
 * tenant: {@code POST /job/claim} takes the oldest queued job (read model) through the aggregate, which refuses a
 * job another worker claimed first (409) — one claim per job is the aggregate's own guard, not a lock — and a
 * tenant's running jobs are capped (429); the claim itself is {@link ClaimingJob}'s. {@code POST /job/result}
 * finishes a running job.
 */
@RestController
public class JobController {

    private final CommandGateway commands;
    private final ClaimingJob claiming;
    private final ObjectMapper mapper;

    public JobController(CommandGateway commands, ClaimingJob claiming, ObjectMapper mapper) {
        this.commands = commands;
        this.claiming = claiming;
        this.mapper = mapper;
    }

    @Operation(summary = "The capability catalogue: AgoraCapability-like entries")
    @GetMapping("/capabilities")
    public List<CapabilityView> capabilities() {
        return Capabilities.all().stream().map(CapabilityView::of).toList();
    }

    @Operation(summary = "Queue one job per capability {key: asset key, capabilities?, config?, credential_ids?} "
            + "(chariot-ui: {name: capability, key}); none named queues the defaults " + "subdomain, portscan, nuclei")
    @PostMapping({"/job", "/job/"})
    public List<JobView> queue(Caller caller, @RequestBody JobRequest body) {
        caller.requireWrite();
        if (body == null || blank(body.key())) {
            throw new BadRequestException("key is required");
        }
        JobKeys.Target target = JobKeys.parseTarget(body.key());
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (body.capabilities() != null) {
            body.capabilities().stream().filter(n -> !blank(n)).map(String::trim).forEach(names::add);
        }
        if (names.isEmpty() && !blank(body.name())) {
            names.add(body.name().trim());
        }
        if (names.isEmpty()) {
            names.addAll(Capabilities.DEFAULTS);
        }
        List<Capability> capabilities = new ArrayList<>();
        for (String name : names) {
            capabilities.add(Capabilities.find(name)
                    .orElseThrow(() -> new BadRequestException("unknown capability: " + name)));
        }
        Map<String, String> config = config(body.config());
        List<String> credentials = body.credentialIds() == null ? List.of()
                : body.credentialIds().stream().filter(c -> !blank(c)).toList();

        // Every command built and held to the stores' limits before the first is sent: nothing is queued unless all are.
        List<JobCommands.QueueJob> queue = new ArrayList<>();
        for (Capability capability : capabilities) {
            RunLimits limits = RunLimits.of(config, capability.retries(), capability.timeoutSeconds());
            var command = JobCommands.QueueJob.of(caller.tenant(), target.key(), capability.name(), config,
                    credentials, limits.retries(), limits.timeoutSeconds(), caller.user());
            CommandInputs.check(command);
            queue.add(command);
        }
        List<JobView> jobs = new ArrayList<>();
        for (JobCommands.QueueJob command : queue) {
            jobs.add(JobView.of(caller.tenant(), send(command)));
        }
        return jobs;
    }

    @Operation(summary = "Worker: claim the oldest queued job of the caller's tenant {capabilities?, key?, worker?}; "
            + "204 when none, 409 when another worker claimed it first, 429 when the tenant already runs as many "
            + "jobs as its cap allows")
    @PostMapping("/job/claim")
    public ResponseEntity<JobView> claim(Caller caller, @RequestBody(required = false) ClaimRequest body) {
        caller.requireWrite();
        String worker = body == null || blank(body.worker()) ? caller.user() : body.worker().trim();
        String key = body == null || blank(body.key()) ? null : body.key();
        List<String> wanted = body == null || body.capabilities() == null ? List.of()
                : body.capabilities().stream().filter(c -> !blank(c)).map(String::trim).toList();
        ClaimingJob.Claim claim = new ClaimingJob.Claim(caller.tenant(), caller.user(), worker, key, wanted);
        try {
            return claiming.claim(claim)
                    .map(claimed -> ResponseEntity.ok(JobView.of(caller.tenant(), claimed)))
                    .orElseGet(() -> ResponseEntity.noContent().build());
        } catch (ClaimingJob.TenantAtCap e) {
            throw atCap(e);
        }
    }

    private static ErrorResponseException atCap(ClaimingJob.TenantAtCap atCap) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, atCap.getMessage());
        ErrorResponseException e = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return e;
    }

    @Operation(summary = "Worker: finish a running job {key, status: JP|JF, reason?, items?: [{type, model}]}; "
            + "items (asset, attribute, port, risk, job) become facts in their own contexts; a bad item is 400 and "
            + "nothing is written")
    @PostMapping("/job/result")
    public JobView result(Caller caller, @RequestBody ResultRequest body) {
        caller.requireWrite();
        if (body == null || blank(body.key())) {
            throw new BadRequestException("key is required");
        }
        String status = blank(body.status()) ? "" : body.status().trim();
        if (!JobCommands.PASSED.equals(status) && !JobCommands.FAILED.equals(status)) {
            throw new BadRequestException("status must be JP or JF, got '" + status + "'");
        }
        String key = JobKeys.requireJobKey(body.key());
        // every item is checked before anything is sent: a bad one rejects the result and the job keeps running
        JobResults.Items items = ResultItems.parse(body.items(), JobKeys.targetOf(key));
        JobState state = send(JobCommands.FinishJob.of(caller.tenant(), key, status, body.reason(), items,
                caller.user()));
        return JobView.of(caller.tenant(), state);
    }

    // ----------------------------------------------------------------------------------------------------------

    private JobState send(Object command) {
        return commands.sendAndWait(command);
    }

    /** Chariot's config is a string map: strings stay, other JSON values become their JSON text. */
    private Map<String, String> config(Map<String, Object> given) {
        Map<String, String> out = new LinkedHashMap<>();
        if (given == null) {
            return out;
        }
        given.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v instanceof String s ? s : text(v));
            }
        });
        return out;
    }

    private String text(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("config value of an unsupported type");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
