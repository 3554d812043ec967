package io.chariot.personal.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Crypto-shredding of personal data in events (ADR 0019).
 *
 * @param masterKey      base64 of the 32-byte key that wraps every tenant's data key ({@code CHARIOT_CRYPTO_MASTER_KEY});
 *                       blank: derived from {@code chariot.security.jwt-secret}, else a fixed development key
 *                       ({@link io.chariot.personal.MasterKey})
 * @param keyCacheTtl    how long an instance keeps a tenant's key in memory: the longest another instance may still
 *                       read a destroyed tenant's personal data
 * @param keyCacheTenants how many tenants' keys an instance keeps in memory
 */
@ConfigurationProperties("chariot.crypto")
public record CryptoSettings(@DefaultValue("") String masterKey, @DefaultValue("5m") Duration keyCacheTtl,
                             @DefaultValue("10000") long keyCacheTenants) {

    @Override
    public String toString() {
        return "CryptoSettings[masterKey=(hidden), keyCacheTtl=" + keyCacheTtl + ", keyCacheTenants="
               + keyCacheTenants + "]";
    }
}
