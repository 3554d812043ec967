package io.chariot.job.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chariot.job.Capabilities.Capability;

import java.util.List;

/** A capability of the catalogue as Chariot's clients read it (AgoraCapability-like). */
@JsonPropertyOrder({"name", "title", "target", "description", "category", "executor", "async", "parameters", "timeout",
        "retries"})
public record CapabilityView(String name, String title, String target, String description, String category,
                             String executor, boolean async, List<Parameter> parameters, long timeout, int retries) {

    @JsonPropertyOrder({"name", "description", "default", "required", "type"})
    public record Parameter(String name, String description, @JsonProperty("default") String defaultValue,
                            boolean required, String type) {
    }

    public static CapabilityView of(Capability c) {
        return new CapabilityView(c.name(), c.title(), c.target(), c.description(), c.category(), c.executor(),
                c.async(), c.parameters().stream().map(p -> new Parameter(p.name(), p.description(), p.defaultValue(),
                        p.required(), p.type())).toList(), c.timeoutSeconds(), c.retries());
    }
}
