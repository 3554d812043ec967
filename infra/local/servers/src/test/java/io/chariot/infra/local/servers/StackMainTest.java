package io.chariot.infra.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line's error handling, run through picocli (no System.exit, no servers). */
class StackMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = StackMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aBadArgumentToUpPrintsOneLineAndExitsNonZero() {
        int code = run("up", "--work-dir", "/tmp/never-used", "--kafka-partitions", "many");

        assertThat(code).isNotZero();
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("chariot-stack up: ").contains("--kafka-partitions").endsWith("(see --help)");
        assertThat(out.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "up", // no --work-dir
        "up --work-dir /tmp/never-used --kafka-partitions 0",
        "up --work-dir /tmp/never-used --then",
        "up --work-dir /tmp/never-used stray",
        "up --work-dir /tmp/never-used --no-such-option",
        "status",
        "launch",
        ""})
    void everyBadCommandLineGetsOneLineOnStderr(String line) {
        int code = run(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpIsThereForEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("up", "status");
        assertThat(run("up", "--help")).isZero();
        assertThat(out.toString()).contains("--work-dir", "--kafka-partitions", "--then");
        assertThat(run("status", "--help")).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void statusWithoutAStackExitsOneWithOneLine(@TempDir Path empty) {
        int code = run("status", "--work-dir", empty.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString().startsWith("stack down: no ");
    }
}
