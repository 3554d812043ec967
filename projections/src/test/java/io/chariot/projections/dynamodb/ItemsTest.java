package io.chariot.projections.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetView;
import io.chariot.api.risk.Ticket;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.Items.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rows the DynamoDB projections write, built from event values. */
class ItemsTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void aNullStringBecomesAnAbsentAttributeNotANullValue() {
        Map<String, AttributeValue> row = item().put("username", "t@x").put("comment", (String) null).build();

        assertThat(row).containsOnlyKeys("username");
        assertThat(row.get("username").s()).isEqualTo("t@x");
    }

    @Test
    void attributesKeepTheOrderTheyWerePutIn() {
        Map<String, AttributeValue> row = item().put("key", "#asset#a#b").put("username", "t@x")
                .put("status", "A").build();

        assertThat(row.keySet()).containsExactly("key", "username", "status");
    }

    @Test
    void timesAreWrittenAsIsoTextAndNumbersAsDecimalText() {
        assertThat(Items.time(AT).s()).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(Items.n(42L).n()).isEqualTo("42");
        assertThat(Items.bool(true).bool()).isTrue();
    }

    @Test
    void aMissingListOfStringsIsWrittenAsAnEmptyList() {
        assertThat(Items.strings(null).l()).isEmpty();
        assertThat(Items.strings(List.of("a", "b")).l()).extracting(AttributeValue::s).containsExactly("a", "b");
    }

    @Test
    void aHistoryRecordWithoutAPreviousStatusSaysFromEmptyAndLeavesOutAMissingComment() {
        AttributeValue history = Items.historyRecord(null, "A", "t@x", null, AT);

        assertThat(history.l()).hasSize(1);
        Map<String, AttributeValue> record = history.l().get(0).m();
        assertThat(record.keySet()).containsExactly("from", "to", "by", "updated");
        assertThat(record.get("from").s()).isEmpty();
        assertThat(record.get("to").s()).isEqualTo("A");
        assertThat(record.get("updated").s()).isEqualTo("2026-03-01T10:15:30Z");
    }

    @Test
    void ticketsAreWrittenInTheClientsWireShapeWithLabelsAsAList() {
        var tickets = Items.tickets(List.of(
                new Ticket("jira", "SEC-1", "https://jira/SEC-1", null, null, null, null, List.of("p1", "web")),
                new Ticket("github", "7", null, null, null, null, null, null)));

        assertThat(tickets.l()).hasSize(2);
        Map<String, AttributeValue> first = tickets.l().get(0).m();
        assertThat(first.keySet()).containsExactly("provider", "id", "link", "labels");
        assertThat(first.get("labels").l()).extracting(AttributeValue::s).containsExactly("p1", "web");
        assertThat(tickets.l().get(1).m().keySet()).containsExactly("provider", "id");
        assertThat(Items.tickets(null).l()).isEmpty();
    }

    @Test
    void aClientShapeBecomesAttributesOfTheirOwnTypesWithNullsLeftOut() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("username", "t@x");
        wire.put("origin", null);
        wire.put("private", true);
        wire.put("ttl", 42L);
        wire.put("port", 443);
        wire.put("attackSurface", List.of("external"));

        Map<String, AttributeValue> row = Items.wire(wire).put("comment", "kept by the table").build();

        assertThat(row.keySet()).containsExactly("username", "private", "ttl", "port", "attackSurface", "comment");
        assertThat(row.get("private").bool()).isTrue();
        assertThat(row.get("ttl").n()).isEqualTo("42");
        assertThat(row.get("port").n()).isEqualTo("443");
        assertThat(row.get("attackSurface").l()).extracting(AttributeValue::s).containsExactly("external");
    }

    @Test
    void aClientShapeValueNoAttributeCanHoldIsRefusedNotWrittenAsSomethingElse() {
        assertThatThrownBy(() -> Items.wire(Map.of("score", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score");
        assertThatThrownBy(() -> Items.wire(Map.of("ports", List.of(1, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ports");
    }

    @Test
    void aDiscoveredAssetsItemIsItsClientShapeKeyedByTenantAndKey() {
        var discovered = new AssetDiscovered("t@x", "#asset#example.com#1.2.3.4",
                "example.com", "1.2.3.4", "ipv4", false, "A", "provided", null, List.of("cloud"), 0, null, "t@x", AT);

        Map<String, AttributeValue> row = Items.wire(AssetView.discovered(discovered).toWire())
                .build();

        assertThat(row.get(ChariotTable.PARTITION_KEY).s()).isEqualTo("t@x");
        assertThat(row.get(ChariotTable.SORT_KEY).s()).isEqualTo("#asset#example.com#1.2.3.4");
        assertThat(row.get("dns").s()).isEqualTo("example.com");
        assertThat(row.get("isCloud").bool()).isTrue();
        assertThat(row.get("created").s()).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(row).doesNotContainKey("origin");
    }

    @Test
    void aSettingsJsonValueBecomesNestedMapsAndListsSoClientsReadTheirJsonBack() throws Exception {
        var json = new ObjectMapper().readTree("{\"on\":true,\"n\":1.5,\"tags\":[\"a\",null],\"deep\":{\"x\":\"y\"}}");

        AttributeValue value = DynamoDbAccountProjection.attribute(json);

        assertThat(value.m().get("on").bool()).isTrue();
        assertThat(value.m().get("n").n()).isEqualTo("1.5");
        assertThat(value.m().get("tags").l().get(0).s()).isEqualTo("a");
        assertThat(value.m().get("tags").l().get(1).nul()).isTrue();
        assertThat(value.m().get("deep").m().get("x").s()).isEqualTo("y");
    }

    @Test
    void eachSearchableFieldHasAnIndexNamedAfterIt() {
        assertThat(ChariotTable.SEARCHABLE_FIELDS).extracting(ChariotTable::indexFor)
                .containsExactly("by-status", "by-source", "by-dns", "by-name");
    }
}
