package io.chariot.personal;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {

    private static final byte[] DATA_KEY = new byte[32];

    @Test
    void aWrappedDataKeyUnwrapsWithTheSameMasterKeyAndTenantOnly() {
        MasterKey master = MasterKey.resolve(Base64.getEncoder().encodeToString(new byte[32]), "");
        byte[] wrapped = master.wrap("acme", DATA_KEY);

        assertThat(master.unwrap("acme", wrapped)).isEqualTo(DATA_KEY);
        assertThatThrownBy(() -> master.unwrap("globex", wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKey.resolve("", "another jwt secret of enough length").unwrap("acme", wrapped))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chariot.crypto.master-key");
    }

    @Test
    void instancesSharingTheJwtSecretShareTheMasterKey() {
        byte[] wrapped = MasterKey.resolve(null, "a shared jwt secret, 32 bytes or more").wrap("acme", DATA_KEY);

        assertThat(MasterKey.resolve(" ", "a shared jwt secret, 32 bytes or more").unwrap("acme", wrapped))
                .isEqualTo(DATA_KEY);
    }

    @Test
    void aConfiguredMasterKeyMustBeBase64Of32Bytes() {
        assertThatThrownBy(() -> MasterKey.resolve("not base64!", null)).hasMessageContaining("base64");
        assertThatThrownBy(() -> MasterKey.resolve(Base64.getEncoder().encodeToString(new byte[16]), null))
                .hasMessageContaining("32 bytes");
    }
}
