package io.chariot.websupport.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final SecretKey KEY =
            new SecretKeySpec("a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    private static final SecurityConfiguration SECURITY = new SecurityConfiguration();

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final AtomicInteger fullDecodes = new AtomicInteger();
    private final VerifiedTokens tokens = verifiedTokens();

    private VerifiedTokens verifiedTokens() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> validator =
                new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(TokenIssuer.ISSUER));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(validator);
        JwtDecoder counting = token -> {
            fullDecodes.incrementAndGet();
            return nimbus.decode(token);
        };
        return new VerifiedTokens(counting, validator);
    }

    private String tokenFor(String user, Duration lifetime) {
        return new TokenIssuer(SECURITY.chariotJwtEncoder(KEY), lifetime, Clock.fixed(clock.now, ZoneOffset.UTC))
                .issue(user);
    }

    @Test
    void theSameTokenIsVerifiedOnceAndAnsweredWithTheSameClaimsAfter() {
        String token = tokenFor("t@x.com", Duration.ofMinutes(30));

        Jwt first = tokens.decode(token);
        Jwt second = tokens.decode(token);
        tokens.decode(tokenFor("u@x.com", Duration.ofMinutes(30)));

        assertThat(second.getSubject()).isEqualTo("t@x.com").isEqualTo(first.getSubject());
        assertThat(fullDecodes).hasValue(2);
    }

    @Test
    void aTokenThatExpiresAfterItWasVerifiedIsRefusedWithTheDecodersError() {
        String token = tokenFor("t@x.com", Duration.ofMinutes(1));
        tokens.decode(token);

        clock.now = clock.now.plus(Duration.ofMinutes(2));

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenWithABadSignatureIsRefusedEveryTime() {
        String token = tokenFor("t@x.com", Duration.ofMinutes(30));
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        tokens.decode(token);

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(fullDecodes).hasValue(3);
    }
}
