package io.chariot.api.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How an API key's secret is hashed: the {@code secretHash} of {@code ApiKeyIssued}, so part of the language — the
 * account context hashes, and whichever process answers {@code /token} checks (ADR 0024). API-key secrets are
 * 128-bit random values (or an operator's bootstrap secret), so one SHA-256 is the right hash: a slow password hash
 * would only slow down {@code /token}. Comparison is constant-time.
 */
public final class SecretHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHash() {
    }

    public static String of(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean matches(String secret, String expectedHash) {
        return MessageDigest.isEqual(of(secret).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** A new random secret, URL-safe. */
    public static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
