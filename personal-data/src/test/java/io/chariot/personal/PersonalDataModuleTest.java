package io.chariot.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chariot.api.account.AccountEvents.AccountLinked;
import io.chariot.api.account.AccountEvents.IntegrationLinked;
import io.chariot.api.personal.PersonalData;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataModuleTest {

    private static final Instant AT = Instant.parse("2026-11-30T05:00:00Z");

    private final MapTenantKeys keys = new MapTenantKeys();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new PersonalDataModule(new PersonalFieldCipher(keys)));
    private final ObjectMapper plain = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void markedFieldsAreWrittenAsCiphertextStringsAndReadBackInClear() throws Exception {
        var event = new RiskStatusChanged("acme", "#risk#a#b", "TI", "OH", 3, 0, "looked at it, Alice", "alice@acme.io",
                AT);

        byte[] stored = json.writeValueAsBytes(event);
        JsonNode tree = plain.readTree(stored);

        assertThat(new String(stored)).doesNotContain("alice").doesNotContain("Alice");
        assertThat(tree.get("by").isTextual()).isTrue();
        assertThat(tree.get("by").textValue()).startsWith(PersonalFieldCipher.PREFIX);
        assertThat(tree.get("comment").textValue()).startsWith(PersonalFieldCipher.PREFIX);
        assertThat(tree.get("tenant").textValue()).isEqualTo("acme");
        assertThat(tree.get("key").textValue()).isEqualTo("#risk#a#b");
        assertThat(json.readValue(stored, RiskStatusChanged.class)).isEqualTo(event);
    }

    @Test
    void anAccountMemberIsEncryptedWhenItIsAPersonsEmailAndAnIntegrationsNameStaysClear() throws Exception {
        var person = new AccountLinked("#account#acme#bob@acme.io#bob@acme.io", "acme", "bob@acme.io",
                "bob@acme.io", "admin", "alice@acme.io", AT);
        var integration = new AccountLinked("#account#acme#slack#x", "acme", "slack", "x", "member",
                "alice@acme.io", AT);

        JsonNode personTree = plain.readTree(json.writeValueAsBytes(person));
        JsonNode integrationTree = plain.readTree(json.writeValueAsBytes(integration));

        assertThat(personTree.get("member").textValue()).startsWith(PersonalFieldCipher.PREFIX);
        assertThat(personTree.get("value").textValue()).startsWith(PersonalFieldCipher.PREFIX);
        assertThat(integrationTree.get("member").textValue()).isEqualTo("slack");
        assertThat(json.treeToValue(personTree, AccountLinked.class)).isEqualTo(person);
    }

    @Test
    void eventsWithoutMarkedFieldsAreWrittenAsBefore() throws Exception {
        var event = new IntegrationLinked("#account#acme#slack#x", "acme", "slack", "x", "member", "{}", null, null,
                "alice@acme.io", AT);

        JsonNode tree = plain.readTree(json.writeValueAsBytes(event));

        assertThat(tree.get("member").textValue()).isEqualTo("slack");
        assertThat(tree.get("by").textValue()).startsWith(PersonalFieldCipher.PREFIX);
    }

    @Test
    void eventsWrittenBeforeEncryptionStillRead() throws Exception {
        var event = new RiskStatusChanged("acme", "#risk#a#b", "TI", "OH", 3, 0, "old comment", "alice@acme.io", AT);

        byte[] legacy = plain.writeValueAsBytes(event);

        assertThat(json.readValue(legacy, RiskStatusChanged.class)).isEqualTo(event);
    }

    @Test
    void afterTheTenantsKeyIsDestroyedTheEventStillReadsWithItsPersonalFieldsErased() throws Exception {
        var acme = new RiskStatusChanged("acme", "#risk#a#b", "TI", "OH", 3, 0, "note", "alice@acme.io", AT);
        var globex = new RiskStatusChanged("globex", "#risk#a#b", "TI", "OH", 3, 0, "note", "gus@globex.io", AT);
        byte[] acmeStored = json.writeValueAsBytes(acme);
        byte[] globexStored = json.writeValueAsBytes(globex);

        keys.destroy("acme");

        RiskStatusChanged read = json.readValue(acmeStored, RiskStatusChanged.class);
        assertThat(read.by()).isEqualTo(PersonalData.ERASED);
        assertThat(read.comment()).isEqualTo(PersonalData.ERASED);
        assertThat(read.key()).isEqualTo("#risk#a#b");
        assertThat(read.to()).isEqualTo("OH");
        assertThat(json.readValue(globexStored, RiskStatusChanged.class)).isEqualTo(globex);
    }
}
