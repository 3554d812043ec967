package io.chariot.compat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteReportTest {

    @Test
    void junitClassNamesBecomePytestNodeIds() {
        assertThat(SuiteReport.nodeId("test_risk.TestRisk", "test_add_risk"))
                .isEqualTo("test_risk.py::TestRisk::test_add_risk");
        assertThat(SuiteReport.nodeId("praetorian_cli.sdk.test.test_z_cli.TestZCli", "test_risk_cli"))
                .isEqualTo("test_z_cli.py::TestZCli::test_risk_cli");
        assertThat(SuiteReport.nodeId("test_export_cli", "test_sow_flag"))
                .isEqualTo("test_export_cli.py::test_sow_flag");
    }

    @Test
    void aFailureOrATeardownErrorFailsATestAndSkipsAreTheirOwnOutcome(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("junit.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="utf-8"?>
                <testsuites><testsuite name="pytest" tests="5">
                  <testcase classname="test_risk.TestRisk" name="test_add_risk" time="0.1"/>
                  <testcase classname="test_risk.TestRisk" name="test_update_risk" time="0.1">
                    <failure message="AssertionError: assert 'TH' == 'OC'&#10;second line">trace</failure>
                  </testcase>
                  <testcase classname="test_key.TestKey" name="test_delete_key" time="0.1">
                    <error message="failed on teardown with &quot;Exception: [404]&quot;">trace</error>
                  </testcase>
                  <testcase classname="test_configuration.TestConfigurations" name="test_add_configuration">
                    <skipped type="pytest.skip" message="only for Praetorian engineers">skip</skipped>
                  </testcase>
                </testsuite></testsuites>
                """);

        SuiteReport report = SuiteReport.read(xml);

        assertThat(report.with(SuiteReport.Outcome.PASSED)).containsExactly("test_risk.py::TestRisk::test_add_risk");
        assertThat(report.with(SuiteReport.Outcome.FAILED)).containsExactly(
                "test_key.py::TestKey::test_delete_key", "test_risk.py::TestRisk::test_update_risk");
        assertThat(report.with(SuiteReport.Outcome.SKIPPED))
                .containsExactly("test_configuration.py::TestConfigurations::test_add_configuration");
        assertThat(report.results().get("test_risk.py::TestRisk::test_update_risk").message())
                .isEqualTo("AssertionError: assert 'TH' == 'OC'");
    }
}
