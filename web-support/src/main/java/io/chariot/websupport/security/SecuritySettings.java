package io.chariot.websupport.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param jwtSecret     signs the tokens (at least 32 bytes; {@code CHARIOT_JWT_SECRET}); empty: a per-process key
 * @param tokenLifetime how long an issued token is valid
 */
@ConfigurationProperties("chariot.security")
public record SecuritySettings(@DefaultValue("") String jwtSecret, @DefaultValue("PT1H") Duration tokenLifetime) {

    public SecuritySettings {
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("chariot.security.token-lifetime must be a positive duration, not "
                    + tokenLifetime);
        }
    }

    @Override
    public String toString() {
        return "SecuritySettings[jwtSecret=(hidden), tokenLifetime=" + tokenLifetime + "]";
    }
}
