package io.chariot.personal;

import io.chariot.api.personal.PersonalData;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts and decrypts one personal field value under its tenant's data key: AES-256-GCM whose 12-byte nonce is
 * HMAC-SHA256(nonce key, value), so one value always encrypts to the same text within a tenant (the explorer finds
 * events by who did them without decrypting, ADR 0019). The stored form is {@value #PREFIX} + base64(nonce ||
 * ciphertext || tag). A value without the prefix was written before encryption and reads as it is.
 */
public final class PersonalFieldCipher {

    public static final String PREFIX = "pd1:";
    private static final int NONCE = 12;
    private static final int TAG = 16;

    /**
     * A Cipher and a Mac per thread (getInstance is the expensive part), and the last value encrypted: the JDK
     * refuses to init GCM for encryption twice in a row with the same key and nonce, which here means the same value
     * again, whose stored form is then the one just computed.
     */
    private static final ThreadLocal<Engines> ENGINES = ThreadLocal.withInitial(Engines::new);

    private final TenantKeys keys;

    public PersonalFieldCipher(TenantKeys keys) {
        this.keys = keys;
    }

    /** Whether a stored value is a ciphertext of this cipher (rather than clear text written before it). */
    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /**
     * The stored form of {@code value}. Null and empty values hold nothing and stay as they are; for a tenant whose
     * key was destroyed the value is not kept at all ({@link PersonalData#ERASED}).
     */
    public String encrypt(String tenant, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        requireTenant(tenant);
        TenantKeyState state = keys.forWriting(tenant);
        if (!(state instanceof TenantKeyState.Live live)) {
            return PersonalData.ERASED;
        }
        return encryptUnder(live.key(), value);
    }

    /** The clear value of a stored one, or {@link PersonalData#ERASED} when its tenant's key was destroyed. */
    public String decrypt(String tenant, String stored) {
        String clear = decryptOrNull(tenant, stored);
        return clear == null && stored != null ? PersonalData.ERASED : clear;
    }

    /**
     * The clear value of a stored one, or null when its tenant's key was destroyed. Clear values pass as they are.
     *
     * @throws UnreadablePersonalDataException when the tenant's key exists but does not open the value, or there is
     *                                         no key at all for a tenant that has ciphertexts
     */
    public String decryptOrNull(String tenant, String stored) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        requireTenant(tenant);
        TenantKeyState state = keys.forReading(tenant);
        if (state instanceof TenantKeyState.Destroyed) {
            return null;
        }
        if (!(state instanceof TenantKeyState.Live live)) {
            throw new UnreadablePersonalDataException("tenant " + tenant + " has encrypted personal data but no data "
                    + "key (was tenant_data_key emptied, or is this another database?)");
        }
        return decrypt(live.key(), tenant, stored);
    }

    /** The stored form under a key that is known live: for lookups of stored values (the explorer's filters). */
    public String storedForm(String tenant, String value) {
        TenantKeyState state = keys.forReading(tenant);
        return state instanceof TenantKeyState.Live live && value != null && !value.isEmpty()
                ? encryptUnder(live.key(), value) : null;
    }

    static String encryptUnder(DataKey key, String value) {
        Engines engines = ENGINES.get();
        if (key.equals(engines.lastKey) && value.equals(engines.lastValue)) {
            return engines.lastStored;
        }
        byte[] clear = value.getBytes(StandardCharsets.UTF_8);
        try {
            if (!key.equals(engines.macKey)) {
                // doFinal leaves the Mac ready for the same key: init only when the tenant changes
                engines.mac.init(key.nonces);
                engines.macKey = key;
            }
            byte[] nonce = Arrays.copyOf(engines.mac.doFinal(clear), NONCE);
            engines.cipher.init(Cipher.ENCRYPT_MODE, key.aes, new GCMParameterSpec(TAG * 8, nonce));
            byte[] out = new byte[NONCE + engines.cipher.getOutputSize(clear.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            engines.cipher.doFinal(clear, 0, clear.length, out, NONCE);
            String stored = PREFIX + Base64.getEncoder().encodeToString(out);
            engines.lastKey = key;
            engines.lastValue = value;
            engines.lastStored = stored;
            return stored;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a personal field", e);
        }
    }

    private static String decrypt(DataKey key, String tenant, String stored) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UnreadablePersonalDataException("a personal field of tenant " + tenant + " is not valid base64");
        }
        if (in.length < NONCE + TAG) {
            throw new UnreadablePersonalDataException("a personal field of tenant " + tenant + " is truncated");
        }
        try {
            Cipher cipher = ENGINES.get().cipher;
            cipher.init(Cipher.DECRYPT_MODE, key.aes, new GCMParameterSpec(TAG * 8, in, 0, NONCE));
            return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadablePersonalDataException("a personal field of tenant " + tenant + " does not open with "
                    + "the tenant's key: tampered, or encrypted under another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a personal field", e);
        }
    }

    private static void requireTenant(String tenant) {
        if (tenant == null || tenant.isEmpty()) {
            throw new IllegalArgumentException("personal data needs its tenant: the record has no tenant");
        }
    }

    private static final class Engines {
        final Cipher cipher;
        final Mac mac;
        DataKey macKey;
        DataKey lastKey;
        String lastValue;
        String lastStored;

        Engines() {
            try {
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
