package io.chariot.job.web;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /job}: praetorian-cli sends {@code {key, capabilities?, config?, credential_ids?}}, chariot-ui
 * {@code {name: capability, key}}. Other members are accepted and ignored.
 */
public record JobRequest(String key, String name, List<String> capabilities, Map<String, Object> config,
                         @JsonProperty("credential_ids") List<String> credentialIds) {
}
