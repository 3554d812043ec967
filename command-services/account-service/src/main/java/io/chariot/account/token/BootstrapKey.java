package io.chariot.account.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's first admin key ({@link ApiKeyBootstrap}): all three set, or none. The platform's
 * {@code application.yml} takes them from {@code CHARIOT_BOOTSTRAP_TENANT}, {@code CHARIOT_BOOTSTRAP_API_KEY_ID} and
 * {@code CHARIOT_BOOTSTRAP_API_KEY_SECRET} (the last two would not relax-bind to these names on their own).
 */
@ConfigurationProperties("chariot.bootstrap")
public record BootstrapKey(@DefaultValue("") String tenant, @DefaultValue("") String apiKeyId,
                           @DefaultValue("") String apiKeySecret) {

    @Override
    public String toString() {
        return "BootstrapKey[tenant=" + tenant + ", apiKeyId=" + apiKeyId + ", apiKeySecret=(hidden)]";
    }
}
