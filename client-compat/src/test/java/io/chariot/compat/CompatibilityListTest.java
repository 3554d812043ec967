package io.chariot.compat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompatibilityListTest {

    private static final String DOC = """
            # Compatibility

            Prose mentioning `test_risk.py::TestRisk::test_prose` is not a listing.

            ## Out of scope

            | Test | Reason |
            |---|---|
            | `test_mcp.py::TestMCP::test_mcp_default` | needs the mcp package |

            ## Intermittent until read-your-writes lands

            | Test | Reason |
            |---|---|
            | `test_risk.py::TestRisk::test_update_risk` | reads right after a write |

            ## Still failing

            | `test_file.py::TestFile::test_add_file` | files in home/ | 
            """;

    @Test
    void tableRowsWithABacktickedNodeIdAreListedWithTheirReasons() {
        CompatibilityList list = CompatibilityList.parse(DOC);

        assertThat(list.entries()).containsOnlyKeys("test_mcp.py::TestMCP::test_mcp_default",
                "test_risk.py::TestRisk::test_update_risk", "test_file.py::TestFile::test_add_file");
        assertThat(list.entries().get("test_file.py::TestFile::test_add_file").reason()).isEqualTo("files in home/");
    }

    @Test
    void onlyRowsUnderAnIntermittentHeadingMayPass() {
        CompatibilityList list = CompatibilityList.parse(DOC);

        assertThat(list.mustFail("test_mcp.py::TestMCP::test_mcp_default")).isTrue();
        assertThat(list.mustFail("test_risk.py::TestRisk::test_update_risk")).isFalse();
        assertThat(list.lists("test_risk.py::TestRisk::test_update_risk")).isTrue();
        assertThat(list.mustFail("test_file.py::TestFile::test_add_file")).isTrue();
        assertThat(list.lists("test_risk.py::TestRisk::test_prose")).isFalse();
    }

    @Test
    void aTestListedTwiceIsAnError() {
        String twice = "| `test_a.py::T::t` | one |\n| `test_a.py::T::t` | two |\n";

        assertThatThrownBy(() -> CompatibilityList.parse(twice)).hasMessageContaining("test_a.py::T::t");
    }
}
