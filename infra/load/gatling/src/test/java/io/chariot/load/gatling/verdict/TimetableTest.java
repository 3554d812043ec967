package io.chariot.load.gatling.verdict;

import io.chariot.load.gatling.verdict.LatencyTimeline.Window;
import io.chariot.load.gatling.verdict.Trend.Point;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimetableTest {

    @Test
    void eachWindowShowsItsLowestHeapAndHighestLag() {
        String table = Timetable.render(List.of(new Window(0, 99, 1, 12, 80, 90), new Window(60, 100, 0, 10, 70, 75)),
                60, List.of(new Point(5, 300.0 * 1024 * 1024), new Point(30, 200.0 * 1024 * 1024),
                        new Point(70, 250.0 * 1024 * 1024)),
                Map.of("neo4j", List.of(new Point(5, 3), new Point(30, 40), new Point(70, 7))));

        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().toList().get(0)).contains("heap min").contains("lag neo4j");
        assertThat(table.lines().toList().get(1)).matches(" +0 +100 +1\\.00% +12 +80 +200 MiB +40");
        assertThat(table.lines().toList().get(2)).matches(" +60 +100 +0\\.00% +10 +70 +250 MiB +7");
    }

    @Test
    void withoutSamplesThereIsNoHeapColumn() {
        String table = Timetable.render(List.of(new Window(0, 5, 0, 1, 2, 3)), 10, List.of(), Map.of());
        assertThat(table).doesNotContain("heap");
    }
}
