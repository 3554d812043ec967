package io.chariot.websupport.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param maxBodyBytes      the largest request body an endpoint accepts (413 above it)
 * @param ownBodyLimitPaths paths that enforce their own, larger limit (file bytes)
 */
@ConfigurationProperties("chariot.http")
public record HttpSettings(@DefaultValue("1048576") long maxBodyBytes,
                           @DefaultValue({"/signed/file", "/encrypted-file"}) List<String> ownBodyLimitPaths) {

    public HttpSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("chariot.http.max-body-bytes must be at least 1, not " + maxBodyBytes);
        }
        ownBodyLimitPaths = List.copyOf(ownBodyLimitPaths);
    }
}
