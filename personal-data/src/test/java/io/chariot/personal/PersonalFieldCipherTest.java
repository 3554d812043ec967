package io.chariot.personal;

import io.chariot.api.personal.PersonalData;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalFieldCipherTest {

    private final MapTenantKeys keys = new MapTenantKeys();
    private final PersonalFieldCipher cipher = new PersonalFieldCipher(keys);

    @Test
    void aValueRoundTripsThroughItsTenantsKeyAndIsNotStoredInClear() {
        String stored = cipher.encrypt("acme@example.com", "alice@acme.example");

        assertThat(stored).startsWith(PersonalFieldCipher.PREFIX).doesNotContain("alice");
        assertThat(cipher.decrypt("acme@example.com", stored)).isEqualTo("alice@acme.example");
    }

    @Test
    void oneValueEncryptsToOneTextWithinATenantAndToAnotherInAnotherTenant() {
        String first = cipher.encrypt("acme", "alice@acme.example");
        String other = cipher.encrypt("acme", "bob@acme.example");
        String again = cipher.encrypt("acme", "alice@acme.example");

        assertThat(again).isEqualTo(first).isNotEqualTo(other);
        assertThat(cipher.encrypt("globex", "alice@acme.example")).isNotEqualTo(first);
        assertThat(cipher.storedForm("acme", "alice@acme.example")).isEqualTo(first);
    }

    @Test
    void aValueOfATenantWhoseKeyWasDestroyedReadsAsErased() {
        String stored = cipher.encrypt("acme", "a comment by a person");
        String otherTenant = cipher.encrypt("globex", "a comment by a person");

        keys.destroy("acme");

        assertThat(cipher.decrypt("acme", stored)).isEqualTo(PersonalData.ERASED);
        assertThat(cipher.decryptOrNull("acme", stored)).isNull();
        assertThat(cipher.decrypt("globex", otherTenant)).isEqualTo("a comment by a person");
    }

    @Test
    void aValueWrittenForAPurgedTenantIsNotKept() {
        cipher.encrypt("acme", "before");
        keys.destroy("acme");

        assertThat(cipher.encrypt("acme", "alice@acme.example")).isEqualTo(PersonalData.ERASED);
    }

    @Test
    void clearValuesWrittenBeforeEncryptionReadAsTheyAre() {
        assertThat(cipher.decrypt("acme", "alice@acme.example")).isEqualTo("alice@acme.example");
        assertThat(cipher.decrypt("never-seen", "legacy comment")).isEqualTo("legacy comment");
        assertThat(cipher.decrypt("acme", null)).isNull();
        assertThat(cipher.encrypt("acme", "")).isEmpty();
    }

    @Test
    void aTamperedCiphertextFailsWithAClearErrorInsteadOfReadingAsGarbage() {
        String stored = cipher.encrypt("acme", "alice@acme.example");
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PersonalFieldCipher.PREFIX.length()));
        bytes[bytes.length - 20] ^= 1;
        String tampered = PersonalFieldCipher.PREFIX + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.decrypt("acme", tampered))
                .isInstanceOf(UnreadablePersonalDataException.class).hasMessageContaining("tampered");
        assertThatThrownBy(() -> cipher.decrypt("acme", PersonalFieldCipher.PREFIX + "not base64!"))
                .isInstanceOf(UnreadablePersonalDataException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> cipher.decrypt("acme", PersonalFieldCipher.PREFIX + "AAAA"))
                .isInstanceOf(UnreadablePersonalDataException.class).hasMessageContaining("truncated");
    }

    @Test
    void aCiphertextMovedToAnotherTenantDoesNotOpen() {
        cipher.encrypt("globex", "anything");
        String acme = cipher.encrypt("acme", "alice@acme.example");

        assertThatThrownBy(() -> cipher.decrypt("globex", acme))
                .isInstanceOf(UnreadablePersonalDataException.class);
    }

    @Test
    void aCiphertextOfATenantWithoutAnyKeyIsAnErrorNotAnErasure() {
        String stored = cipher.encrypt("acme", "alice@acme.example");

        assertThatThrownBy(() -> cipher.decrypt("initech", stored))
                .isInstanceOf(UnreadablePersonalDataException.class).hasMessageContaining("no data key");
    }

    @Test
    void aValueNeedsItsTenant() {
        assertThatThrownBy(() -> cipher.encrypt((String) null, "alice@acme.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
