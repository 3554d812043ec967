package io.chariot.websupport.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param key base64 of the 32-byte key that seals tenants' secrets ({@code CHARIOT_SECRETS_KEY}); see {@link SecretsConfiguration} */
@ConfigurationProperties("chariot.secrets")
public record SecretsSettings(@DefaultValue("") String key) {

    @Override
    public String toString() {
        return "SecretsSettings[key=(hidden)]";
    }
}
