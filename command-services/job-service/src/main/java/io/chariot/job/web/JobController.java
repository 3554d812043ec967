package io.chariot.job.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.input.CommandInputs;
import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobQueries.FindQueuedJobs;
import io.chariot.api.job.JobQueries.QueuedJobs;
import io.chariot.api.job.JobResults;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;
import io.chariot.gateway.tenancy.Caller;
import io.chariot.gateway.web.BadRequestException;
import io.chariot.gateway.web.ForbiddenException;
import io.chariot.job.Capabilities;
import io.chariot.job.Capabilities.Capability;
import io.chariot.job.slots.TenantSlots;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;

import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
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
 * tenant's running jobs are capped by {@link TenantSlots} (429); {@code POST /job/result} finishes a running job.
 */
@RestController
public class JobController {

    /** Jobs expire from the table 7 days after their last change (chariot-api.md §2.1). */
    static final Duration JOB_TTL = Duration.ofDays(7);
    private static final int CLAIM_CANDIDATES = 10;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ObjectMapper mapper;
    private final TenantSlots slots;

    public JobController(CommandGateway commands, QueryGateway queries, ObjectMapper mapper, TenantSlots slots) {
        this.commands = commands;
        this.queries = queries;
        this.mapper = mapper;
        this.slots = slots;
    }

    @Operation(summary = "The capability catalogue: AgoraCapability-like entries")
    @GetMapping("/capabilities")
    public List<Map<String, Object>> capabilities() {
        return Capabilities.all().stream().map(JobController::capability).toList();
    }

    @Operation(summary = "Queue one job per capability {key: asset key, capabilities?, config?, credential_ids?} "
            + "(chariot-ui: {name: capability, key}); none named queues the defaults " + "subdomain, portscan, nuclei")
    @PostMapping({"/job", "/job/"})
    public List<Map<String, Object>> queue(Caller caller, @RequestBody JobRequest body) {
        requireWrite(caller);
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
        Integer retries = integer(config, "retries");
        Integer timeout = integer(config, "timeout_seconds");
        if (retries != null && retries < 0) {
            throw new BadRequestException("config.retries must not be negative");
        }
        if (timeout != null && timeout <= 0) {
            throw new BadRequestException("config.timeout_seconds must be positive");
        }
        List<String> credentials = body.credentialIds() == null ? List.of()
                : body.credentialIds().stream().filter(c -> !blank(c)).toList();

        // Every command built and held to the stores' limits before the first is sent: nothing is queued unless all are.
        List<JobCommands.QueueJob> queue = new ArrayList<>();
        for (Capability capability : capabilities) {
            var command = JobCommands.QueueJob.of(caller.tenant(), target.key(), capability.name(), config,
                    credentials, retries == null ? capability.retries() : retries,
                    timeout == null ? capability.timeoutSeconds() : timeout, caller.user());
            CommandInputs.check(command);
            queue.add(command);
        }
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (JobCommands.QueueJob command : queue) {
            jobs.add(json(caller.tenant(), send(command)));
        }
        return jobs;
    }

    @Operation(summary = "Worker: claim the oldest queued job of the caller's tenant {capabilities?, key?, worker?}; "
            + "204 when none, 409 when another worker claimed it first, 429 when the tenant already runs as many "
            + "jobs as its cap allows")
    @PostMapping("/job/claim")
    public ResponseEntity<Map<String, Object>> claim(Caller caller, @RequestBody(required = false) ClaimRequest body) {
        requireWrite(caller);
        String worker = body == null || blank(body.worker()) ? caller.user() : body.worker().trim();
        String explicitKey = body == null || blank(body.key()) ? null : JobKeys.requireJobKey(body.key());
        // the cap first: a permit is taken before any job is claimed and given back unless one was
        TenantSlots.Slot slot = slots.tryTake(caller.tenant()).orElseThrow(() -> atCap(caller.tenant()));
        boolean held = false;
        try {
            JobState claimed = explicitKey != null
                    ? send(JobCommands.ClaimJob.of(caller.tenant(), explicitKey, worker, caller.user()))
                    : claimOldest(caller, body, worker);
            if (claimed == null) {
                return ResponseEntity.noContent().build();
            }
            slots.hold(slot, claimed.key(), claimed.deadline());
            held = true;
            return ResponseEntity.ok(json(caller.tenant(), claimed));
        } finally {
            if (!held) {
                slots.giveBack(slot);
            }
        }
    }

    /**
     * The oldest queued job the aggregate lets this worker have. The candidates come from the read model, which
     * lags; the aggregate is the guard: a job claimed meanwhile is rejected as a conflict (the aggregate's state, or,
     * when the claims raced on two instances, the event store's sequence check), and the next candidate is tried.
     * Null when none is queued.
     */
    private JobState claimOldest(Caller caller, ClaimRequest body, String worker) {
        List<String> wanted = body == null || body.capabilities() == null ? List.of()
                : body.capabilities().stream().filter(c -> !blank(c)).map(String::trim).toList();
        QueuedJobs queued = queries.query(new FindQueuedJobs(caller.tenant(), wanted, CLAIM_CANDIDATES),
                QueuedJobs.class).join();
        RuntimeException lost = null;
        for (String key : queued.keys()) {
            try {
                return commands.sendAndWait(JobCommands.ClaimJob.of(caller.tenant(), key, worker, caller.user()));
            } catch (RuntimeException e) {
                if (!Rejections.is(e, Rejection.Code.CONFLICT)) {
                    throw e;
                }
                lost = e; // claimed meanwhile: try the next one
            }
        }
        if (lost != null) {
            throw lost;
        }
        return null;
    }

    private ErrorResponseException atCap(String tenant) {
        int cap = slots.capOf(tenant);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, tenant + " already runs "
                + cap + (cap == 1 ? " job" : " jobs") + " (its cap): claim again when one finishes");
        ErrorResponseException e = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return e;
    }

    @Operation(summary = "Worker: finish a running job {key, status: JP|JF, reason?, items?: [{type, model}]}; "
            + "items (asset, attribute, port, risk, job) become facts in their own contexts; a bad item is 400 and "
            + "nothing is written")
    @PostMapping("/job/result")
    public Map<String, Object> result(Caller caller, @RequestBody ResultRequest body) {
        requireWrite(caller);
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
        return json(caller.tenant(), state);
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

    private static Integer integer(Map<String, String> config, String name) {
        String v = config.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("config." + name + " must be an integer, got '" + v + "'");
        }
    }

    private static void requireWrite(Caller caller) {
        if (!caller.canWrite()) {
            throw new ForbiddenException("role " + caller.role().name().toLowerCase() + " cannot write to "
                    + caller.tenant());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static Map<String, Object> capability(Capability c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("title", c.title());
        m.put("target", c.target());
        m.put("description", c.description());
        m.put("category", c.category());
        m.put("executor", c.executor());
        m.put("async", c.async());
        m.put("parameters", c.parameters().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("description", p.description());
            pm.put("default", p.defaultValue());
            pm.put("required", p.required());
            pm.put("type", p.type());
            return pm;
        }).toList());
        m.put("timeout", c.timeoutSeconds());
        m.put("retries", c.retries());
        return m;
    }

    /** A job as Chariot's clients read it (tabularium job.go): status {@code {code}#{updated}}, source {@code {capability}#{updated}}. */
    static Map<String, Object> json(String tenant, JobState s) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("username", tenant);
        job.put("key", s.key());
        job.put("dns", s.dns());
        job.put("source", s.capability() + "#" + s.updated());
        job.put("status", s.status() + "#" + s.updated());
        job.put("created", time(s.created()));
        job.put("updated", time(s.updated()));
        job.put("started", time(s.started()));
        job.put("finished", time(s.finished()));
        job.put("ttl", s.updated().plus(JOB_TTL).getEpochSecond());
        job.put("config", s.config());
        job.put("credential_ids", s.credentialIds());
        job.put("retries", s.retries());
        job.put("capabilities", List.of(s.capability()));
        job.put("target", Map.of("type", "asset", "key", s.target()));
        if (s.worker() != null) {
            job.put("worker", s.worker());
        }
        if (s.reason() != null) {
            job.put("reason", s.reason());
        }
        if (s.parent() != null) {
            job.put("parent", Map.of("type", "job", "key", s.parent()));
        }
        if (s.origin() != null) {
            job.put("origin", Map.of("type", "job", "key", s.origin()));
        }
        return job;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
