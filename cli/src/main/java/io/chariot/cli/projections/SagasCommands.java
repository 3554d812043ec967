package io.chariot.cli.projections;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.cli.connection.CliFailure;
import io.chariot.cli.connection.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./chariot sagas list|show|parked|retry|discard}: the operator's view of the cross-context workflows
 * through {@code /admin/sagas}. It shares the projections CLI's connection options and exit codes (the same admin
 * API client), hence its place here.
 */
@Command(name = "sagas", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The saga instances of the running platform (cross-context workflows) and the events they "
                + "could not handle.",
                "",
                "  list     instances, newest first: id, type, tenant, subject, state, steps done, compensations "
                        + "run, pending deadlines, parked events (--type, --state, --tenant, --limit)",
                "  show     one instance (SAGA-ID): associations, each step, compensation and deadline, its parked "
                        + "events with their causes",
                "  parked   every parked saga event: instance, event type, aggregate, when and why",
                "  retry    re-deliver an instance's parked events in order (SAGA-ID), once the cause is fixed; "
                        + "exit 0 when drained, 1 when some stay parked",
                "  discard  drop an instance's parked events for good (SAGA-ID)",
                "  compensate  make an instance (SAGA-ID) undo what it did and end, with --reason; its parked "
                        + "events are dropped once it has ended",
                ""})
final class SagasCommands implements Callable<Integer> {

    enum Action { list, show, parked, retry, discard, compensate }

    @ParentCommand
    ProjectionsCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, show, parked, retry, discard or "
            + "compensate.")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SAGA-ID",
            description = "The instance (show, retry, discard, compensate): the SAGA-ID column of list.")
    String sagaId;

    @Option(names = "--type", paramLabel = "TYPE", description = "list only this type (e.g. job-result).")
    String type;

    @Option(names = "--state", paramLabel = "STATE", description = "list only this state: RUNNING, COMPENSATING, "
            + "FLAGGED, COMPLETED or COMPENSATED.")
    String state;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "list only this tenant's instances.")
    String tenant;

    @Option(names = "--reason", paramLabel = "TEXT", description = "compensate: why (required).")
    String reason;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "at most N rows (1-10000, default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (limit < 1 || limit > 10_000) {
            throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 10000");
        }
        boolean needsId = action != Action.list && action != Action.parked;
        if (needsId && (sagaId == null || sagaId.isBlank())) {
            throw new ParameterException(spec.commandLine(), action + " needs a SAGA-ID (see sagas list)");
        }
        int exit = 0;
        switch (action) {
            case list -> out.print(instances(cli.client().sagas("GET", "/admin/sagas?limit=" + limit
                    + query("type", type) + query("state", state) + query("tenant", tenant), null)));
            case show -> out.print(show(cli.client().sagas("GET", AdminClient.sagaPath(sagaId), sagaId)));
            case parked -> out.print(parked(cli.client().sagas("GET", "/admin/sagas/parked?limit=" + limit, null)
                    .path("events")));
            case retry -> {
                JsonNode outcome = cli.client().sagas("POST", AdminClient.sagaPath(sagaId) + "/parked/retry", sagaId);
                boolean drained = outcome.path("drained").asBoolean();
                out.println(sagaId + ": " + (drained ? "parked events applied and drained" : "still failing")
                        + "; " + outcome.path("stillParked").asLong() + " event(s) still parked");
                exit = drained ? 0 : CliFailure.FAILED;
            }
            case compensate -> {
                if (reason == null || reason.isBlank()) {
                    throw new ParameterException(spec.commandLine(), "compensate needs --reason TEXT");
                }
                JsonNode saga = cli.client().sagas("POST", AdminClient.sagaPath(sagaId) + "/compensate"
                        + query("reason", reason).replaceFirst("&", "?"), sagaId);
                out.println(sagaId + ": " + saga.path("state").asText() + "; " + saga.path("compensations").size()
                        + " compensation(s) run");
                exit = saga.path("state").asText().equals("COMPENSATED") ? 0 : CliFailure.FAILED;
            }
            case discard -> {
                JsonNode discarded = cli.client().sagas("DELETE", AdminClient.sagaPath(sagaId) + "/parked", sagaId);
                out.println(sagaId + ": discarded " + discarded.path("discarded").asInt() + " parked event(s)");
            }
        }
        out.flush();
        return exit;
    }

    private static String query(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + URLEncoder.encode(value,
                StandardCharsets.UTF_8);
    }

    static String instances(JsonNode body) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"SAGA-ID", "TYPE", "TENANT", "SUBJECT", "STATE", "STEPS", "UNDONE", "DEADLINES",
                "PARKED", "UPDATED"});
        for (JsonNode s : body.path("sagas")) {
            rows.add(new String[]{s.path("sagaId").asText(), s.path("type").asText(), s.path("tenant").asText(),
                    s.path("subject").asText(), s.path("state").asText(), String.valueOf(s.path("steps").size()),
                    String.valueOf(s.path("compensations").size()), String.valueOf(s.path("deadlines").size()),
                    s.path("parked").asText("0"), s.path("updatedAt").asText()});
        }
        return table(rows);
    }

    static String show(JsonNode body) {
        JsonNode s = body.path("saga");
        StringBuilder out = new StringBuilder();
        line(out, "saga", s.path("sagaId").asText());
        line(out, "type", s.path("type").asText());
        line(out, "tenant", s.path("tenant").asText());
        line(out, "subject", s.path("subject").asText());
        line(out, "state", s.path("state").asText() + (s.path("reason").isTextual()
                ? " (" + CommandLines.oneLine(s.path("reason").asText()) + ")" : ""));
        line(out, "started", s.path("startedAt").asText());
        line(out, "updated", s.path("updatedAt").asText());
        s.path("associations").fields().forEachRemaining(a -> line(out, "association", a.getKey() + "="
                + a.getValue().asText()));
        s.path("steps").forEach(step -> line(out, "step", step.asText()));
        s.path("compensations").forEach(c -> line(out, "undone", c.asText()));
        s.path("deadlines").fields().forEachRemaining(d -> line(out, "deadline", d.getKey() + " at "
                + d.getValue().asText()));
        line(out, "parked", String.valueOf(body.path("events").size()));
        if (!body.path("events").isEmpty()) {
            out.append(parked(body.path("events")));
        }
        return out.toString();
    }

    static String parked(JsonNode events) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"SAGA-ID", "GROUP", "#", "EVENT", "AGGREGATE", "PARKED-AT", "CAUSE"});
        for (JsonNode e : events) {
            rows.add(new String[]{e.path("sagaId").asText(), e.path("processingGroup").asText(),
                    e.path("index").asText(), e.path("eventType").asText(), e.path("aggregateId").asText("-"),
                    e.path("enqueuedAt").asText(), CommandLines.oneLine(e.path("causeType").asText("") + ": "
                            + e.path("causeMessage").asText(""))});
        }
        return table(rows);
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-12s %s%n", label, value));
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }
}
