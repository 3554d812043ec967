package io.chariot.websupport.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.chariot.websupport.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Every endpoint but health, {@code /token} and the API docs needs a valid bearer token; the actuator's other
 * endpoints (metrics, Prometheus) a platform operator's ({@link Operators}). Tokens are HS256 JWTs
 * signed with {@code chariot.security.jwt-secret}; without one a random secret is drawn at start-up, so tokens
 * die with the process (fine for one embedded instance, not for several — set the secret there).
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties({SecuritySettings.class, OperatorSettings.class})
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecretKey chariotJwtKey(SecuritySettings settings) {
        String secret = settings.jwtSecret();
        byte[] bytes;
        if (secret == null || secret.isBlank()) {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            log.info("chariot.security.jwt-secret is not set: tokens are signed with a per-process random key");
        } else {
            bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("chariot.security.jwt-secret must be at least 32 bytes");
            }
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    @Bean
    JwtEncoder chariotJwtEncoder(SecretKey chariotJwtKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(chariotJwtKey));
    }

    @Bean
    JwtDecoder chariotJwtDecoder(SecretKey chariotJwtKey) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(chariotJwtKey).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TokenIssuer.ISSUER));
        return decoder;
    }

    @Bean
    TokenIssuer tokenIssuer(JwtEncoder chariotJwtEncoder, SecuritySettings settings) {
        return new TokenIssuer(chariotJwtEncoder, settings.tokenLifetime(), Clock.systemUTC());
    }

    @Bean
    Operators chariotOperators(OperatorSettings settings) {
        return new Operators(settings.operators());
    }

    @Bean
    SecurityFilterChain chariotSecurity(HttpSecurity http, ObjectMapper mapper, Operators operators)
            throws Exception {
        return http
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/token", "/actuator/health/**", "/actuator/health",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        // metrics describe every tenant's traffic: operators only (scrape with an operator's token)
                        .requestMatchers("/actuator/**").access((authentication, context) ->
                                new AuthorizationDecision(isOperator(authentication.get(), operators)))
                        .requestMatchers("/hook/**").permitAll() // webhook ingest: the pin in the path is the credential
                        .requestMatchers("/signed/file").permitAll() // signed file URLs: the signature is the credential
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> { })
                        .authenticationEntryPoint((req, res, ex) ->
                                Problems.write(res, mapper, HttpStatus.UNAUTHORIZED, "a valid bearer token is required"))
                        .accessDeniedHandler((req, res, ex) ->
                                Problems.write(res, mapper, HttpStatus.FORBIDDEN, ex.getMessage())))
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) ->
                        Problems.write(res, mapper, HttpStatus.UNAUTHORIZED, "a valid bearer token is required")))
                .build();
    }

    private static boolean isOperator(Authentication authentication, Operators operators) {
        return authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                && operators.contains(jwt.getClaimAsString("email"));
    }
}
