package io.chariot.migration.cli;

/** A failure the CLI reports in one line, with its exit code. */
final class CliFailure extends RuntimeException {

    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int AUTHENTICATION = 3;
    static final int UNREACHABLE = 4;

    final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }
}
