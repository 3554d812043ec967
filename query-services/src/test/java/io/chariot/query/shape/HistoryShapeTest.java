package io.chariot.query.shape;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryShapeTest {

    @Test
    void emptyFromToAndCommentAreLeftOutSoOnlyRealNotesCarryAComment() {
        Map<String, Object> risk = new LinkedHashMap<>(Map.of("key", "#risk#a.com#x", "history", List.of(
                Map.of("from", "TH", "to", "OC", "by", "u", "comment", "", "updated", "t1"),
                Map.of("by", "u", "comment", "a note", "updated", "t2"),
                new LinkedHashMap<>(Map.of("from", "", "to", "TH", "by", "u", "updated", "t0")))));

        HistoryShape.shape(risk);

        assertThat(risk.get("history")).isEqualTo(List.of(
                Map.of("from", "TH", "to", "OC", "by", "u", "updated", "t1"),
                Map.of("by", "u", "comment", "a note", "updated", "t2"),
                Map.of("to", "TH", "by", "u", "updated", "t0")));
        assertThat(risk.get("key")).isEqualTo("#risk#a.com#x");
    }

    @Test
    void itemsWithoutAHistoryListAreUnchanged() {
        Map<String, Object> item = new LinkedHashMap<>(Map.of("key", "#setting#x", "history", "not a list"));
        Map<String, Object> bare = new LinkedHashMap<>(Map.of("key", "#asset#a#b", "tags", new ArrayList<>()));

        assertThat(HistoryShape.shape(item)).containsEntry("history", "not a list");
        assertThat(HistoryShape.shape(bare)).isEqualTo(Map.of("key", "#asset#a#b", "tags", List.of()));
    }
}
