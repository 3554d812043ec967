package io.chariot.job.web;

import java.util.List;

/**
 * {@code POST /job/claim}: the capabilities the worker runs (none: any), optionally one job {@code key} to claim,
 * and the worker's id ({@code worker}; the caller's user when absent).
 */
public record ClaimRequest(List<String> capabilities, String key, String worker) {
}
