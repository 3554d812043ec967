package io.chariot.projections.cli;

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
 * {@code ./chariot projections dlq …}: the events a projection could not apply and parked in its dead-letter
 * queue (an aggregate's later events wait behind its parked one). List them, retry them once the cause is fixed,
 * or discard an aggregate's for good.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The events a projection parked in its dead-letter queue because applying them failed for a "
                + "reason retrying cannot cure (store failures are retried, not parked). An aggregate's later events "
                + "wait behind its parked one; other aggregates flow on.",
                "Saga groups park too: name them by processing group (e.g. job-results)."},
        subcommands = {DlqCommands.ListParked.class, DlqCommands.Retry.class, DlqCommands.Discard.class})
final class DlqCommands implements Callable<Integer> {

    @ParentCommand
    ProjectionsCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: list, retry or discard");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List a projection's parked events: aggregate, position in its sequence, event type, "
                    + "aggregate sequence number, when it was parked and why.")
    static final class ListParked implements Callable<Integer> {

        @ParentCommand
        DlqCommands dlq;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The projection (see list) or a saga's processing group.")
        String name;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "Show at most N events (1-10000, default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 10_000) {
                throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 10000");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(Views.parked(dlq.cli.client().parked(name, limit)));
            out.flush();
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Apply parked events again, in order, after their cause is fixed: one aggregate's "
                    + "(--sequence) or every aggregate's. A sequence that fails again stays parked with the new "
                    + "cause.", "Exit 0 when nothing is left parked, 1 when some events still are."})
    static final class Retry implements Callable<Integer> {

        @ParentCommand
        DlqCommands dlq;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The projection (see list) or a saga's processing group.")
        String name;

        @Option(names = "--sequence", paramLabel = "AGGREGATE-ID",
                description = "Only this aggregate's parked events (the SEQUENCE column of dlq list).")
        String sequence;

        @Override
        public Integer call() {
            AdminModel.RetryOutcome outcome = dlq.cli.client().retryParked(name, sequence);
            PrintWriter out = spec.commandLine().getOut();
            out.println(name + ": " + outcome.drained() + " sequence(s) applied and drained; "
                    + outcome.stillParked() + " event(s) still parked");
            out.flush();
            return outcome.stillParked() == 0 ? 0 : CliFailure.FAILED;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Discard one aggregate's parked events for good: they will never be applied to this "
                    + "projection (a rebuild from the event store would apply them again).")
    static final class Discard implements Callable<Integer> {

        @ParentCommand
        DlqCommands dlq;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The projection (see list) or a saga's processing group.")
        String name;

        @Option(names = "--sequence", paramLabel = "AGGREGATE-ID", required = true,
                description = "The aggregate whose parked events to discard (the SEQUENCE column of dlq list).")
        String sequence;

        @Override
        public Integer call() {
            if (sequence.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--sequence must name an aggregate");
            }
            AdminModel.Discarded discarded = dlq.cli.client().discardParked(name, sequence);
            PrintWriter out = spec.commandLine().getOut();
            out.println(name + ": discarded " + discarded.discarded() + " parked event(s) of " + sequence + "; "
                    + discarded.parked() + " still parked");
            out.flush();
            return 0;
        }
    }
}
