package io.chariot.websupport.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.chariot.websupport.security.SecuritySettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts the secrets kept for tenants (AES-256-GCM, {@link SecretBox}): integration credentials and
 * webhook pins, sealed by the account context and revealed to their tenant by the query API.
 * <ol>
 *   <li>{@code chariot.secrets.key} (env {@code CHARIOT_SECRETS_KEY}): base64 of exactly 32 bytes — set it in any
 *       real deployment and keep it as long as the event store;</li>
 *   <li>otherwise derived from {@code chariot.security.jwt-secret} ({@code CHARIOT_JWT_SECRET}) as
 *       SHA-256("chariot-secrets-v1:" + secret), so instances sharing the JWT secret share it (rotating the JWT
 *       secret then makes stored secrets unreadable);</li>
 *   <li>otherwise a per-process random key, with a warning: stored secrets cannot be decrypted after a restart.</li>
 * </ol>
 */
@AutoConfiguration
@EnableConfigurationProperties({SecretsSettings.class, SecuritySettings.class})
public class SecretsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

    @Bean
    SecretBox secretBox(SecretsSettings secrets, SecuritySettings security) {
        String key = secrets.key();
        String jwtSecret = security.jwtSecret();
        if (key != null && !key.isBlank()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(key.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("chariot.secrets.key must be base64");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("chariot.secrets.key must be base64 of 32 bytes");
            }
            return new SecretBox(bytes);
        }
        if (jwtSecret != null && !jwtSecret.isBlank()) {
            log.info("chariot.secrets.key is not set: integration secrets are encrypted with a key derived from "
                     + "chariot.security.jwt-secret");
            try {
                return new SecretBox(MessageDigest.getInstance("SHA-256")
                        .digest(("chariot-secrets-v1:" + jwtSecret).getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        log.warn("neither chariot.secrets.key nor chariot.security.jwt-secret is set: integration secrets are "
                 + "encrypted with a per-process random key and cannot be decrypted after a restart");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new SecretBox(random);
    }
}
