package io.chariot.query.explorer.cli;

/** An expected failure of {@code ./chariot events}: one line on stderr and the exit code; never a stack trace. */
final class CliFailure extends RuntimeException {

    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int AUTHENTICATION = 3;
    static final int UNREACHABLE = 4;

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
