package io.chariot.personal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * One tenant's data key, as two sub-keys derived from its 32 random bytes with HMAC-SHA256: the AES-256 key that
 * encrypts personal fields and the HMAC key that derives each value's nonce from the value itself (deterministic
 * encryption, ADR 0019). The raw bytes are not kept.
 */
public final class DataKey {

    final SecretKeySpec aes;
    final SecretKeySpec nonces;
    /** The AES key's bytes, kept once for equality: the JDK compares key bytes, not objects (PersonalFieldCipher). */
    private final byte[] identity;
    private final int hash;

    public DataKey(byte[] material) {
        if (material == null || material.length != 32) {
            throw new IllegalArgumentException("a data key is 32 bytes");
        }
        this.aes = new SecretKeySpec(derive(material, "chariot personal data: aes-256-gcm"), "AES");
        this.nonces = new SecretKeySpec(derive(material, "chariot personal data: synthetic nonce"), "HmacSHA256");
        this.identity = aes.getEncoded();
        this.hash = Arrays.hashCode(identity);
    }

    private static byte[] derive(byte[] material, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DataKey[(hidden)]";
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof DataKey other && Arrays.equals(identity, other.identity);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
