package io.chariot.websupport.secrets;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    @Test
    void aSealedSecretOpensOnlyWithTheSameKeyAndRecord() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox box = new SecretBox(key);
        String sealed = box.seal("{\"/token\":\"ghp_1\"}", "t@x#account#t@x#github#acme");
        assertThat(sealed).startsWith("v1:").doesNotContain("ghp_1");
        assertThat(box.seal("{\"/token\":\"ghp_1\"}", "r")).isNotEqualTo(box.seal("{\"/token\":\"ghp_1\"}", "r"));
        assertThat(box.open(sealed, "t@x#account#t@x#github#acme")).isEqualTo("{\"/token\":\"ghp_1\"}");
        assertThatThrownBy(() -> box.open(sealed, "t@x#account#t@x#github#other"))
                .isInstanceOf(IllegalStateException.class);
        byte[] other = key.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> new SecretBox(other).open(sealed, "t@x#account#t@x#github#acme"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealedBytesOpenOnlyForTheSameRecordAndNeverShowThePlaintext() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox box = new SecretBox(key);
        byte[] plain = "10.0.0.1 the file".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        byte[] sealed = box.sealBytes(plain, "t@x#file#_encrypted/a.txt");

        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("the file");
        assertThat(box.openBytes(sealed, "t@x#file#_encrypted/a.txt")).isEqualTo(plain);
        assertThatThrownBy(() -> box.openBytes(sealed, "t@x#file#_encrypted/b.txt"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.openBytes(new byte[3], "t@x#file#_encrypted/a.txt"))
                .isInstanceOf(IllegalStateException.class);
    }
}
