package io.chariot.file.config;

import io.chariot.file.web.FileContents;
import io.chariot.file.web.FileUrls;
import io.chariot.file.web.SignedFileController.FileLimits;
import io.chariot.file.web.UrlSigner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;

/**
 * Spring wiring of the file context. The URL signing key is {@code chariot.files.signing-secret} when set, otherwise
 * derived from the token signing key (HMAC with a fixed label), so instances that share the JWT secret also accept
 * each other's file URLs while the two keys are never the same bytes.
 */
@Configuration(proxyBeanMethods = false)
public class FileConfiguration {

    @Bean
    FileContents fileContents(JdbcTemplate jdbc) {
        return new FileContents(jdbc);
    }

    @Bean
    UrlSigner fileUrlSigner(@Value("${chariot.files.signing-secret:}") String secret, SecretKey chariotJwtKey) {
        byte[] key = secret != null && !secret.isBlank() ? secret.getBytes(StandardCharsets.UTF_8)
                : derive(chariotJwtKey.getEncoded());
        return new UrlSigner(key, Clock.systemUTC());
    }

    @Bean
    FileUrls fileUrls(UrlSigner fileUrlSigner,
                      @Value("${chariot.files.url-lifetime:PT15M}") Duration lifetime,
                      @Value("${chariot.files.public-url:}") String publicUrl) {
        return new FileUrls(fileUrlSigner, lifetime, publicUrl);
    }

    @Bean
    FileLimits fileLimits(@Value("${chariot.files.max-bytes:16777216}") long maxBytes) {
        return new FileLimits(maxBytes);
    }

    private static byte[] derive(byte[] jwtKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(jwtKey, "HmacSHA256"));
            return mac.doFinal("chariot file URL signing v1".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
