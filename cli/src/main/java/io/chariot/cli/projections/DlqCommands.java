package io.chariot.cli.projections;

import io.chariot.cli.connection.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ./chariot projections dlq list|retry|discard NAME}: the events a projection could not apply and parked in
 * its dead-letter queue (an aggregate's later events wait behind its parked one). One command with an action
 * rather than three nested ones, so the inherited connection options (--api, --key-id…) apply as everywhere else.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The events a projection parked in its dead-letter queue because applying them failed for a "
                + "reason retrying cannot cure (store failures are retried, not parked). An aggregate's later events "
                + "wait behind its parked one; other aggregates flow on. Sagas park per instance: see "
                + "./chariot sagas.",
                "",
                "  list     the parked events: aggregate, place in its sequence, event type, aggregate sequence "
                        + "number, when it was parked and why",
                "  retry    apply them again, in order, once the cause is fixed: one aggregate's (--sequence) or "
                        + "all; exit 0 when nothing is left parked, 1 when some still are",
                "  discard  drop one aggregate's parked events for good (--sequence required); a rebuild from the "
                        + "event store would apply them again",
                ""})
final class DlqCommands implements Callable<Integer> {

    enum Action { list, retry, discard }

    @ParentCommand
    ProjectionsCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, retry or discard.")
    Action action;

    @Parameters(index = "1", paramLabel = "NAME", description = "The projection (see list) or a saga's processing "
            + "group.")
    String name;

    @Option(names = "--sequence", paramLabel = "AGGREGATE-ID",
            description = "retry or discard only this aggregate's parked events (the SEQUENCE column of list).")
    String sequence;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "list at most N events (1-10000, default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case list -> {
                if (limit < 1 || limit > 10_000) {
                    throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 10000");
                }
                out.print(Views.parked(cli.client().parked(name, limit)));
            }
            case retry -> {
                AdminModel.RetryOutcome outcome = cli.client().retryParked(name, sequence);
                out.println(name + ": " + outcome.drained() + " sequence(s) applied and drained; "
                        + outcome.stillParked() + " event(s) still parked");
                out.flush();
                return outcome.stillParked() == 0 ? 0 : CliFailure.FAILED;
            }
            case discard -> {
                if (sequence == null || sequence.isBlank()) {
                    throw new ParameterException(spec.commandLine(), "discard needs --sequence AGGREGATE-ID");
                }
                AdminModel.Discarded discarded = cli.client().discardParked(name, sequence);
                out.println(name + ": discarded " + discarded.discarded() + " parked event(s) of " + sequence + "; "
                        + discarded.parked() + " still parked");
            }
        }
        out.flush();
        return 0;
    }
}
