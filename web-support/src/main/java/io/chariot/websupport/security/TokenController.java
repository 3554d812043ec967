package io.chariot.websupport.security;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;


/** {@code GET /token}: exchanges an API key for a bearer token (praetorian-cli's API-key flow). */
@RestController
public class TokenController {

    private final ApiKeyAuthenticator authenticator;
    private final TokenIssuer issuer;

    public TokenController(ApiKeyAuthenticator authenticator, TokenIssuer issuer) {
        this.authenticator = authenticator;
        this.issuer = issuer;
    }

    /** The answer: {@code {"token": …}}. */
    public record Token(String token) {
    }

    @Operation(summary = "Exchange an API key id and secret for a bearer token")
    @GetMapping("/token")
    public Token token(@RequestHeader(name = "X-GUARD-API-KEY-ID", required = false) String keyId,
                                     @RequestHeader(name = "X-GUARD-API-KEY-SECRET", required = false) String secret) {
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "X-GUARD-API-KEY-ID and X-GUARD-API-KEY-SECRET headers are required");
        }
        String tenant = authenticator.authenticate(keyId, secret)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "invalid or revoked API key"));
        return new Token(issuer.issue(tenant));
    }
}
