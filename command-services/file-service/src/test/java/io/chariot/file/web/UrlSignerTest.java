package io.chariot.file.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed file URLs: only the exact method, tenant, user, name and expiry that were signed pass, and only in time. */
class UrlSignerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private final UrlSigner signer = new UrlSigner(KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    private final UrlSigner.Grant grant = new UrlSigner.Grant("PUT", "alice@example.com", "alice@example.com",
            "imports/a.txt", NOW.getEpochSecond() + 60);

    @Test
    void theSignedGrantVerifies() {
        assertThatCode(() -> signer.verify(grant, signer.sign(grant))).doesNotThrowAnyException();
    }

    @Test
    void changingAnyPartOfTheGrantBreaksTheSignature() {
        String signature = signer.sign(grant);
        for (UrlSigner.Grant changed : new UrlSigner.Grant[]{
                new UrlSigner.Grant("GET", grant.tenant(), grant.user(), grant.name(), grant.expires()),
                new UrlSigner.Grant("PUT", "mallory@example.com", grant.user(), grant.name(), grant.expires()),
                new UrlSigner.Grant("PUT", grant.tenant(), "mallory@example.com", grant.name(), grant.expires()),
                new UrlSigner.Grant("PUT", grant.tenant(), grant.user(), "imports/b.txt", grant.expires()),
                new UrlSigner.Grant("PUT", grant.tenant(), grant.user(), grant.name(), grant.expires() + 3600)}) {
            assertThatThrownBy(() -> signer.verify(changed, signature)).as(changed.toString())
                    .isInstanceOf(UrlSigner.InvalidSignature.class);
        }
    }

    @Test
    void fieldBoundariesCannotBeShiftedToForgeAnotherGrant() {
        var a = new UrlSigner.Grant("PUT", "ab", "c", "n", 1);
        var b = new UrlSigner.Grant("PUT", "a", "bc", "n", 1);
        assertThatThrownBy(() -> signer.verify(b, signer.sign(a))).isInstanceOf(UrlSigner.InvalidSignature.class);
    }

    @Test
    void anExpiredGrantIsRefusedEvenWithItsOwnSignature() {
        var expired = new UrlSigner.Grant("GET", grant.tenant(), grant.user(), grant.name(), NOW.getEpochSecond() - 1);
        assertThatThrownBy(() -> signer.verify(expired, signer.sign(expired)))
                .isInstanceOf(UrlSigner.InvalidSignature.class).hasMessageContaining("expired");
    }

    @Test
    void aSignatureFromAnotherKeyOrGarbageIsRefused() {
        UrlSigner other = new UrlSigner("fedcba9876543210fedcba9876543210".getBytes(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> signer.verify(grant, other.sign(grant))).isInstanceOf(UrlSigner.InvalidSignature.class);
        assertThatThrownBy(() -> signer.verify(grant, "%%%")).isInstanceOf(UrlSigner.InvalidSignature.class);
        assertThatThrownBy(() -> signer.verify(grant, null)).isInstanceOf(UrlSigner.InvalidSignature.class);
    }
}
