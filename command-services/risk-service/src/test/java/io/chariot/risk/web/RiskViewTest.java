package io.chariot.risk.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.risk.RiskCommands.HistoryRecord;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.api.risk.Ticket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The risk's client JSON, serialized as the application does (absent values left out). */
class RiskViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRiskReadsAsTabulariumsRiskWithItsHistoryFlattenedAndBlankMembersLeftOut() throws Exception {
        RiskState risk = new RiskState("#risk#example.com#CVE-1", "example.com", "CVE-1", "A title", "provided", "TH",
                0, AT, AT, null, 42, null, List.of(new HistoryRecord("", "TH", "alice", " ", AT)), List.of("web"),
                List.of("#asset#example.com#example.com"),
                List.of(new Ticket("jira", "SEC-1", null, null, null, null, null, List.of())));

        assertThat(JSON.writeValueAsString(RiskView.list("acme@example.com", risk))).isEqualTo("""
                {"risks":[{"username":"acme@example.com","key":"#risk#example.com#CVE-1","dns":"example.com",\
                "name":"CVE-1","title":"A title","source":"provided","status":"TH","priority":0,\
                "created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z","ttl":42,"comment":"",\
                "history":[{"to":"TH","by":"alice","updated":"2026-01-01T00:00:00Z"}],"tags":["web"],\
                "tickets":[{"provider":"jira","id":"SEC-1"}]}]}""");
    }

    @Test
    void aRiskTheTenantDoesNotHaveIsAnEmptyList() throws Exception {
        assertThat(JSON.writeValueAsString(RiskView.none())).isEqualTo("{\"risks\":[]}");
    }
}
