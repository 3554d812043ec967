package io.chariot.query.explorer.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.personal.DataKey;
import io.chariot.personal.PersonalFieldCipher;
import io.chariot.personal.TenantKeyState;
import io.chariot.personal.TenantKeys;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DecryptingPersonalDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, TenantKeyState> keys = new HashMap<>();
    private final PersonalFieldCipher cipher = new PersonalFieldCipher(new TenantKeys() {
        @Override
        public TenantKeyState forWriting(String tenant) {
            return keys.computeIfAbsent(tenant, t -> {
                byte[] material = new byte[32];
                new SecureRandom().nextBytes(material);
                return new TenantKeyState.Live(new DataKey(material));
            });
        }

        @Override
        public TenantKeyState forReading(String tenant) {
            return keys.getOrDefault(tenant, TenantKeyState.NONE);
        }
    });
    private final DecryptingPersonalData personal = new DecryptingPersonalData(cipher,
            () -> List.of("acme", "globex"));

    @Test
    void encryptedMembersShowInClearWhileTheKeyLivesAndAsErasureMarkersOnceItIsDestroyed() throws Exception {
        JsonNode stored = payload("acme", cipher.encrypt("acme", "bob@acme.io"), cipher.encrypt("acme", "a note"));

        JsonNode shown = personal.shown("acme", "acme#risk#x", stored);
        assertThat(shown.get("by").asText()).isEqualTo("bob@acme.io");
        assertThat(shown.get("comment").asText()).isEqualTo("a note");
        assertThat(PersonalData.containsErased(shown)).isFalse();

        keys.put("acme", TenantKeyState.DESTROYED);

        JsonNode erased = personal.shown("acme", "acme#risk#x", stored);
        assertThat(PersonalData.isErased(erased.get("by"))).isTrue();
        assertThat(erased.get("comment").get(PersonalData.ERASED_MEMBER).asText()).isEqualTo("tenant purged");
        assertThat(erased.get("key").asText()).isEqualTo("#risk#x");
        assertThat(stored.get("by").asText()).as("the stored payload is not changed").startsWith("pd1:");
        assertThat(personal.shownText("acme", stored.get("by").asText())).isEqualTo(PersonalData.ERASED_TEXT);
    }

    @Test
    void clearPayloadsFromBeforeEncryptionShowAsStored() throws Exception {
        JsonNode stored = payload("acme", "bob@acme.io", "a note");

        assertThat(personal.shown("acme", "acme#risk#x", stored)).isSameAs(stored);
        assertThat(personal.shownText("acme", "bob@acme.io")).isEqualTo("bob@acme.io");
    }

    @Test
    void aCiphertextThatDoesNotOpenShowsAsUnreadableNotAsErased() throws Exception {
        String globex = cipher.encrypt("globex", "gus@globex.io");
        cipher.encrypt("acme", "anything");

        JsonNode shown = personal.shown("acme", "acme#risk#x", payload("acme", globex, null));

        assertThat(PersonalData.containsErased(shown)).isFalse();
        assertThat(shown.get("by").asText()).startsWith("(unreadable");
    }

    @Test
    void aUserFilterMatchesTheClearValueAndItsCiphertextsInEveryLiveTenant() {
        String acme = cipher.encrypt("acme", "bob@acme.io");
        String globex = cipher.encrypt("globex", "bob@acme.io");

        assertThat(personal.storedForms("acme", "bob@acme.io")).containsExactly("bob@acme.io", acme);
        assertThat(personal.storedForms(null, "bob@acme.io")).containsExactly("bob@acme.io", acme, globex);
    }

    private static JsonNode payload(String tenant, String by, String comment) throws Exception {
        var node = JSON.createObjectNode().put("tenant", tenant).put("key", "#risk#x").put("by", by);
        if (comment != null) {
            node.put("comment", comment);
        }
        return JSON.readTree(node.toString());
    }
}
