package io.chariot.cli.connection;

/**
 * An expected failure of a Chariot CLI: one line for the operator and the process exit code. Never printed with a
 * stack trace (see {@link CommandLines#withOneLineErrors}).
 */
public final class CliFailure extends RuntimeException {

    public static final int FAILED = 1;
    public static final int BAD_ARGUMENTS = 2;
    public static final int AUTHENTICATION = 3;
    public static final int UNREACHABLE = 4;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
