package io.chariot.websupport.security;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Clock;
import java.time.Duration;

/** Signs the bearer tokens {@code /token} hands out: HS256 with an {@code email} claim, as Chariot's clients expect. */
public class TokenIssuer {

    public static final String ISSUER = "chariot";
    private final JwtEncoder encoder;
    private final Duration lifetime;
    private final Clock clock;

    public TokenIssuer(JwtEncoder encoder, Duration lifetime, Clock clock) {
        this.encoder = encoder;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String issue(String email) {
        var now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(email)
                .claim("email", email)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .build();
        var header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
