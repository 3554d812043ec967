package io.chariot.cli.connection;

import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * What every Chariot CLI does the same way: an expected failure is one line on stderr ({@code PREFIX message}) and
 * its exit code, never a stack trace; output is UTF-8.
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** Installs the one-line error handlers on {@code commandLine}; returns it. */
    public static CommandLine withOneLineErrors(CommandLine commandLine, String prefix) {
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(prefix + oneLine(ex.getMessage()) + " (see ./"
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            cmd.getErr().flush();
            return CliFailure.BAD_ARGUMENTS;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println(prefix + (ex instanceof CliFailure ? ex.getMessage()
                    : "unexpected error: " + oneLine(String.valueOf(ex))));
            cmd.getErr().flush();
            return ex instanceof CliFailure failure ? failure.exitCode() : CliFailure.FAILED;
        });
        return commandLine;
    }

    /** Runs {@code commandLine} on the process's stdout and stderr and exits with its exit code. */
    public static void runAndExit(CommandLine commandLine, String[] args) {
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(commandLine.execute(args));
    }

    /** {@code text} on one line: line breaks and the blanks around them become one space. */
    public static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** A pause between polls; Ctrl-C during it ends the command as interrupted. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
    }
}
