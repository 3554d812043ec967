package io.chariot.projections.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** The admin API's JSON, as the CLI reads it. Unknown fields are ignored so the server may add some. */
final class AdminModel {

    private AdminModel() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProjectionList(List<Projection> projections) {
        ProjectionList {
            projections = projections == null ? List.of() : projections;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Projection(String name, String store, Integer version, String processingGroup, String state, Long lag,
                      List<Segment> segments, Rebuild rebuild) {
        Projection {
            segments = segments == null ? List.of() : segments;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Segment(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rebuild(String state, Long eventsDone, Long eventsTotal, Double eventsPerSecond, Long etaSeconds,
                   String startedAt, String finishedAt, String caughtUpAt, String error) {

        boolean running() {
            return "running".equals(state);
        }

        boolean done() {
            return "done".equals(state);
        }

        boolean failed() {
            return "failed".equals(state);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DryRun(String name, String store, Long eventsTotal, List<String> steps) {
        DryRun {
            steps = steps == null ? List.of() : steps;
        }
    }
}
