package io.chariot.projections.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.risk.Ticket;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.Items.item;
import static org.assertj.core.api.Assertions.assertThat;

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
