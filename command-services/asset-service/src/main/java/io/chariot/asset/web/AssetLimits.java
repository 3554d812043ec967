package io.chariot.asset.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chariot.assets.max-prefix-delete}: the most assets one explicit prefix delete may soft-delete; a prefix
 * matching more is refused whole (400), so one request's work stays bounded.
 */
@ConfigurationProperties("chariot.assets")
public record AssetLimits(@DefaultValue("1000") int maxPrefixDelete) {
}
