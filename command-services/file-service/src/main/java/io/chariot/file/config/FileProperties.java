package io.chariot.file.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The file context's settings ({@code chariot.files.*}).
 *
 * @param signingSecret signs file URLs; empty: derived from the token signing key ({@link FileConfiguration})
 * @param urlLifetime   how long a signed file URL is valid
 * @param publicUrl     the base of signed URLs handed out; empty: the request's own base
 * @param maxBytes      the largest file stored
 */
@ConfigurationProperties("chariot.files")
public record FileProperties(@DefaultValue("") String signingSecret, @DefaultValue("PT15M") Duration urlLifetime,
                             @DefaultValue("") String publicUrl, @DefaultValue("16777216") long maxBytes) {

    public FileProperties {
        if (urlLifetime == null || urlLifetime.isNegative() || urlLifetime.isZero()) {
            throw new IllegalArgumentException("chariot.files.url-lifetime must be a positive duration, not "
                    + urlLifetime);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("chariot.files.max-bytes must be at least 1, not " + maxBytes);
        }
    }

    @Override
    public String toString() {
        return "FileProperties[signingSecret=(hidden), urlLifetime=" + urlLifetime + ", publicUrl=" + publicUrl
                + ", maxBytes=" + maxBytes + "]";
    }
}
