package io.chariot.load;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class AssetBenchmarkOptionsTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AssetBenchmark.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void rateStepsThatDoNotStepUpAreOneLineAndANonZeroExit() {
        assertThat(run("--phases", "steps", "--step-rates", "400,200")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--step-rates: rates must step up");
    }

    @Test
    void anUnknownPhaseOrOptionIsOneLineAndANonZeroExit() {
        assertThat(run("--phases", "put,stepz")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("unknown phase 'stepz'");
    }

    @Test
    void anUnknownOptionIsOneLineToo() {
        assertThat(run("--step-speed", "9")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--step-speed");
    }

    @Test
    void aBadMixIsOneLineAndANonZeroExit() {
        assertThat(run("--phases", "steps", "--step-mix", "asset=1,port=2")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--step-mix");
    }
}
