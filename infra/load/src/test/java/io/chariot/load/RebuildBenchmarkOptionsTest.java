package io.chariot.load;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options of the engine comparison are refused before any stack is looked for. */
class RebuildBenchmarkOptionsTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = RebuildBenchmark.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void anUnknownEngineIsOneLineAndANonZeroExit() {
        assertThat(run("--work-dir", "/nonexistent", "--engines", "hand,psep")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--engines");
    }

    @Test
    void noRoundsOrAnEmptyBatchIsOneLineAndANonZeroExit() {
        assertThat(run("--work-dir", "/nonexistent", "--rounds", "0")).isEqualTo(2);
        assertThat(run("--work-dir", "/nonexistent", "--pooled-batch", "0")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(2).allMatch(l -> l.contains("--rounds"));
    }
}
