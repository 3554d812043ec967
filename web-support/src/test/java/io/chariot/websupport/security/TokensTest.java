package io.chariot.websupport.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bearer tokens {@code /token} issues, checked by the decoder the security configuration builds. */
class TokensTest {

    private static final SecurityConfiguration SECURITY = new SecurityConfiguration();
    private static final SecretKey KEY = jwtKey("a-test-secret-of-at-least-32-bytes!!");
    private static final JwtEncoder ENCODER = SECURITY.chariotJwtEncoder(KEY);
    private static final JwtDecoder DECODER = SECURITY.chariotJwtDecoder(KEY);

    private static TokenIssuer issuerAt(Instant now, Duration lifetime) {
        return new TokenIssuer(ENCODER, lifetime, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenNamesItsUserAsSubjectAndEmailAndLivesForItsLifetime() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        var jwt = DECODER.decode(issuerAt(now, Duration.ofMinutes(30)).issue("t@x.com"));

        assertThat(jwt.getSubject()).isEqualTo("t@x.com");
        assertThat(jwt.getClaimAsString("email")).isEqualTo("t@x.com");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("chariot");
        assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
        assertThat(jwt.getIssuedAt()).isEqualTo(now);
        assertThat(jwt.getExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = issuerAt(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).issue("t@x.com");

        assertThatThrownBy(() -> DECODER.decode(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        SecretKey other = jwtKey("another-secret-of-at-least-32-bytes!");
        String token = new TokenIssuer(SECURITY.chariotJwtEncoder(other), Duration.ofHours(1), Clock.systemUTC())
                .issue("t@x.com");

        assertThatThrownBy(() -> DECODER.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenWhoseUserWasRewrittenIsRefused() {
        String token = issuerAt(Instant.now(), Duration.ofHours(1)).issue("t@x.com");
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("t@x.com", "victim@x.com").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(claims).contains("t@x.com");
        assertThatThrownBy(() -> DECODER.decode(forged)).isInstanceOf(JwtException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedEvenWithTheRightSignature() {
        Instant now = Instant.now();
        var claims = JwtClaimsSet.builder().issuer("elsewhere").subject("t@x.com").claim("email", "t@x.com")
                .issuedAt(now).expiresAt(now.plusSeconds(600)).build();
        String token = ENCODER.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();

        assertThatThrownBy(() -> DECODER.decode(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void aSigningSecretShorterThan32BytesIsRefusedAtStartUp() {
        assertThatThrownBy(() -> jwtKey("too-short"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void withoutASecretEachStartDrawsItsOwnKeySoOldTokensDieWithTheProcess() {
        SecretKey first = jwtKey("");
        SecretKey second = jwtKey(null);

        assertThat(first.getEncoded()).hasSize(32).isNotEqualTo(second.getEncoded());
    }

    @Test
    void operatorsAreNamedCommaSeparatedAndComparedWithoutCase() {
        Operators operators = new Operators(" Ops@X.com, ,root@x.com ");

        assertThat(operators.contains("ops@x.com")).isTrue();
        assertThat(operators.contains("ROOT@X.COM")).isTrue();
        assertThat(operators.contains("t@x.com")).isFalse();
        assertThat(operators.contains(null)).isFalse();
        assertThat(new Operators(null).contains("")).isFalse();
    }

    private static SecretKey jwtKey(String secret) {
        return SECURITY.chariotJwtKey(new SecuritySettings(secret, java.time.Duration.ofHours(1)));
    }
}
