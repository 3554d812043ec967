package io.chariot.file.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs and checks the short-lived file URLs the platform hands out instead of S3 presigned URLs. The signature is
 * an HMAC-SHA256 over the method, tenant, user, file name and expiry (each length-prefixed, so no two different
 * tuples sign the same bytes); it is the only credential such a URL carries. Checks compare in constant time.
 */
public final class UrlSigner {

    /** A verified request: which tenant's file, and who asked for the URL. */
    public record Grant(String method, String tenant, String user, String name, long expires) {
    }

    /** The URL is expired, tampered with or not a signed URL at all; the caller answers 403. */
    public static final class InvalidSignature extends RuntimeException {
        public InvalidSignature(String message) {
            super(message);
        }
    }

    private final byte[] key;
    private final Clock clock;

    public UrlSigner(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the file URL key must be at least 32 bytes");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    public String sign(Grant grant) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(grant));
    }

    public Instant now() {
        return clock.instant();
    }

    /** Accepts the grant only if its signature matches and it has not expired. */
    public void verify(Grant grant, String signature) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature == null ? "" : signature);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignature("malformed signature");
        }
        if (!MessageDigest.isEqual(mac(grant), given)) {
            throw new InvalidSignature("signature does not match");
        }
        if (clock.instant().getEpochSecond() > grant.expires()) {
            throw new InvalidSignature("URL expired");
        }
    }

    private byte[] mac(Grant grant) {
        ByteArrayOutputStream material = new ByteArrayOutputStream();
        for (String part : new String[]{grant.method(), grant.tenant(), grant.user(), grant.name(),
                Long.toString(grant.expires())}) {
            byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
            material.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            material.writeBytes(bytes);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(material.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
