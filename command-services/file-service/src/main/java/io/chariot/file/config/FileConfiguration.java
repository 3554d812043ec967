package io.chariot.file.config;

import io.chariot.file.web.FileContents;
import io.chariot.file.web.FileContentsRemover;
import io.chariot.file.web.FileUrls;
import io.chariot.file.web.SignedFileController.FileLimits;
import io.chariot.file.web.UrlSigner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;

/**
 * Spring wiring of the file context. The URL signing key is {@code chariot.files.signing-secret} when set, otherwise
 * derived from the token signing key (HMAC with a fixed label), so instances that share the JWT secret also accept
 * each other's file URLs while the two keys are never the same bytes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FileProperties.class)
public class FileConfiguration {

    @Bean
    FileContents fileContents(JdbcTemplate jdbc) {
        return new FileContents(jdbc);
    }

    @Bean
    FileContentsRemover fileContentsRemover(FileContents contents) {
        return new FileContentsRemover(contents);
    }

    @Bean
    UrlSigner fileUrlSigner(FileProperties settings, SecretKey chariotJwtKey) {
        String secret = settings.signingSecret();
        byte[] key = secret != null && !secret.isBlank() ? secret.getBytes(StandardCharsets.UTF_8)
                : derive(chariotJwtKey.getEncoded());
        return new UrlSigner(key, Clock.systemUTC());
    }

    @Bean
    FileUrls fileUrls(UrlSigner fileUrlSigner, FileProperties settings) {
        return new FileUrls(fileUrlSigner, settings.urlLifetime(), settings.publicUrl());
    }

    @Bean
    FileLimits fileLimits(FileProperties settings) {
        return new FileLimits(settings.maxBytes());
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
