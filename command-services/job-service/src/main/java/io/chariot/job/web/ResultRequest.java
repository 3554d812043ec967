package io.chariot.job.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code POST /job/result}: a worker's end of a run, {@code status} JP or JF with an optional {@code reason}, and
 * the result's {@code items} ({@code {type, model}} wrappers; assets {@code {type:"asset", model:{dns, name}}} are
 * added to the tenant's assets).
 */
public record ResultRequest(String key, String status, String reason, List<JsonNode> items) {
}
