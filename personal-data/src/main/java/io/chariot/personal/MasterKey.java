package io.chariot.personal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key that wraps (encrypts) every tenant's data key at rest: AES-256-GCM, random nonce, the tenant as associated
 * data (a wrapped key cannot be moved to another tenant's row). Where it comes from, in order:
 * <ol>
 *   <li>{@code chariot.crypto.master-key} ({@code CHARIOT_CRYPTO_MASTER_KEY}): base64 of exactly 32 bytes — set it
 *       in any real deployment, keep it as long as the event store, share it between instances;</li>
 *   <li>otherwise derived from {@code chariot.security.jwt-secret} ({@code CHARIOT_JWT_SECRET}) as
 *       SHA-256("chariot-data-keys-v1:" + secret), as the secrets key is (web-support's SecretsConfiguration), so
 *       instances and the migration replayer sharing the JWT secret share it;</li>
 *   <li>otherwise a fixed development key, with a warning: it protects nothing. Not a random one, as for the
 *       secrets key: data keys it wrapped would be unreadable after a restart, which would fail every read.</li>
 * </ol>
 */
public final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final String DEVELOPMENT = "chariot development master key: not a secret";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final SecretKeySpec key;

    public MasterKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The master key from the settings described above; {@code configured} and {@code jwtSecret} may be blank. */
    public static MasterKey resolve(String configured, String jwtSecret) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("chariot.crypto.master-key must be base64");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("chariot.crypto.master-key must be base64 of 32 bytes");
            }
            return new MasterKey(bytes);
        }
        if (jwtSecret != null && !jwtSecret.isBlank()) {
            log.info("chariot.crypto.master-key is not set: tenants' data keys are wrapped with a key derived from "
                     + "chariot.security.jwt-secret");
            return new MasterKey(sha256("chariot-data-keys-v1:" + jwtSecret));
        }
        log.warn("neither chariot.crypto.master-key nor chariot.security.jwt-secret is set: tenants' data keys are "
                 + "wrapped with the fixed development key, which protects nothing");
        return new MasterKey(sha256(DEVELOPMENT));
    }

    byte[] wrap(String tenant, byte[] dataKey) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associated(tenant));
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key", e);
        }
    }

    byte[] unwrap(String tenant, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped, 0, NONCE));
            cipher.updateAAD(associated(tenant));
            return cipher.doFinal(wrapped, NONCE, wrapped.length - NONCE);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the data key of tenant " + tenant + " does not unwrap: "
                    + "chariot.crypto.master-key (or the JWT secret it derives from) differs from the one that "
                    + "wrapped it", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unwrap a data key", e);
        }
    }

    private static byte[] associated(String tenant) {
        return ("chariot tenant data key:" + tenant).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[(hidden)]";
    }
}
