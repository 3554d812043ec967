package io.chariot.websupport.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;

/**
 * A {@link JwtDecoder} that parses and verifies the signature of a bearer token once, and for the same token string
 * again only runs the validator (expiry, not-before, issuer) on the claims it read then.
 * <p>
 * A CLI session sends one token with every request; parsing it and checking its HMAC each time was ~2.5 % of the
 * platform's CPU under load (BENCHMARKS.md). The bytes are the same, so the signature is the one already checked with
 * the same key. A token that fails the validator is dropped and decoded in full, so its error is the decoder's.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int MAX_TOKENS = 4_096;
    static final Duration KEPT_FOR = Duration.ofMinutes(5);

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS).expireAfterWrite(KEPT_FOR).build();

    /** @param validator the validator {@code decoder} runs after its signature check */
    VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (!validator.validate(known).hasErrors()) {
                return known;
            }
            verified.invalidate(token);
        }
        Jwt jwt = decoder.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
