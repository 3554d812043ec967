package io.chariot.job.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code POST /job/result}: a worker's end of a run, {@code status} JP or JF with an optional {@code reason}, and
 * the result's {@code items} ({@code {type, model}} wrappers, see {@link ResultItems}). Items become assets,
 * attributes, ports, risks and child jobs in their own contexts once the job has finished.
 */
public record ResultRequest(String key, String status, String reason, List<JsonNode> items) {
}
