package io.chariot.load.gatling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Where a simulation leaves its verdict for run-gatling.sh: the one line (PASS or FAIL) first, the details after.
 * Gatling's own exit code only reflects its assertions, so the script reads this file to set its exit code.
 */
final class RunOutcome {

    private RunOutcome() {
    }

    static void report(Settings settings, String line, String details) {
        System.out.println();
        System.out.println(details);
        System.out.println(line);
        System.out.println();
        if (settings.verdictFile() != null) {
            try {
                Files.createDirectories(settings.verdictFile().toAbsolutePath().getParent());
                Files.writeString(settings.verdictFile(), line + "\n\n" + details + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
