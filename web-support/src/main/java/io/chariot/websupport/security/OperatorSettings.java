package io.chariot.websupport.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param operators the platform operators' tenants, comma-separated ({@code chariot.operators}; the platform's
 *                  {@code application.yml} defaults it to {@code CHARIOT_BOOTSTRAP_TENANT})
 */
@ConfigurationProperties("chariot")
public record OperatorSettings(@DefaultValue("") String operators) {
}
