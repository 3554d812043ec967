package io.chariot.job.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chariot.api.job.JobCommands.JobState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as Chariot's clients read it (tabularium job.go): status {@code {code}#{updated}}, source
 * {@code {capability}#{updated}}. Absent values are left out of the JSON (the application's non-null inclusion).
 */
@JsonPropertyOrder({"username", "key", "dns", "source", "status", "created", "updated", "started", "finished", "ttl",
        "config", "credential_ids", "retries", "capabilities", "target", "worker", "reason", "parent", "origin"})
public record JobView(String username, String key, String dns, String source, String status, String created,
                      String updated, String started, String finished, long ttl, Map<String, String> config,
                      @JsonProperty("credential_ids") List<String> credentialIds, int retries,
                      List<String> capabilities, Ref target, String worker, String reason, Ref parent, Ref origin) {

    /** Jobs expire from the table 7 days after their last change (chariot-api.md §2.1). */
    static final Duration TTL = Duration.ofDays(7);

    /** A reference to another model: its type and key. */
    public record Ref(String type, String key) {
        static Ref to(String type, String key) {
            return key == null ? null : new Ref(type, key);
        }
    }

    public static JobView of(String tenant, JobState s) {
        return new JobView(tenant, s.key(), s.dns(), s.capability() + "#" + s.updated(), s.status() + "#" + s.updated(),
                time(s.created()), time(s.updated()), time(s.started()), time(s.finished()),
                s.updated().plus(TTL).getEpochSecond(), s.config(), s.credentialIds(), s.retries(),
                List.of(s.capability()), Ref.to("asset", s.target()), s.worker(), s.reason(), Ref.to("job", s.parent()),
                Ref.to("job", s.origin()));
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
