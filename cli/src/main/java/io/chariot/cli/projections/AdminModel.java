package io.chariot.cli.projections;

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
    record Projection(String name, String store, Integer version, String processingGroup, String state,
                      Integer generation, Long lag, Long parked, Failing failing, List<Segment> segments,
                      Rebuild rebuild) {
        Projection {
            segments = segments == null ? List.of() : segments;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Failing(String since, long attempts, String cause) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ParkedList(String name, String processingGroup, long parked, List<Parked> events) {
        ParkedList {
            events = events == null ? List.of() : events;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Parked(String sequence, long index, String eventType, String aggregateId, Long sequenceNumber,
                  String eventId, String enqueuedAt, String lastTouched, String causeType, String causeMessage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RetryOutcome(int drained, long stillParked) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Discarded(String name, String sequence, int discarded, long parked) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Segment(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rebuild(String state, String mode, String phase, Integer generation, Long eventsDone, Long eventsTotal,
                   Long resumedAt, Double eventsPerSecond, Long etaSeconds, String startedAt, String finishedAt,
                   String caughtUpAt, String error, List<Difference> differences) {

        Rebuild {
            differences = differences == null ? List.of() : differences;
        }

        boolean aborted() {
            return "aborted".equals(state);
        }

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
    record DryRun(String name, String store, String mode, List<String> models, Long eventsTotal, Long fromPosition,
                  List<String> steps) {
        DryRun {
            steps = steps == null ? List.of() : steps;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Difference(String tenant, long liveRecords, long rebuiltRecords, String liveChecksum,
                      String rebuiltChecksum) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Verification(String name, boolean matches, long eventsReplayed, List<ModelVerification> models) {
        Verification {
            models = models == null ? List.of() : models;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelVerification(String name, String store, int liveGeneration, long liveRecords, long rebuiltRecords,
                             int tenants, List<Difference> differences) {
        ModelVerification {
            differences = differences == null ? List.of() : differences;
        }
    }
}
