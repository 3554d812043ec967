package io.chariot.query.explorer.travel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StateDiffTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachDifferingLeafIsOneChangeByJsonPointer() throws Exception {
        var before = json.readTree("{\"status\":\"TH\",\"tags\":[\"a\"],\"same\":1,\"gone\":true,\"a/b\":1}");
        var after = json.readTree("{\"status\":\"OH\",\"tags\":[\"a\",\"b\"],\"same\":1,\"history\":[{\"to\":\"OH\"}],"
                + "\"a/b\":2}");
        List<StateDiff.Change> changes = StateDiff.between(before, after);
        assertThat(changes).extracting(StateDiff.Change::path)
                .containsExactly("/status", "/tags/1", "/gone", "/a~1b", "/history/0/to");
        assertThat(changes.get(0).before().asText()).isEqualTo("TH");
        assertThat(changes.get(0).after().asText()).isEqualTo("OH");
        assertThat(changes.get(2).after()).isNull();
        assertThat(changes.get(4).before()).isNull();
    }

    @Test
    void equalStatesHaveNoChanges() throws Exception {
        var state = json.readTree("{\"status\":\"TH\",\"nested\":{\"x\":[1,2]}}");
        assertThat(StateDiff.between(state, state.deepCopy())).isEmpty();
    }
}
