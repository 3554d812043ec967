package io.chariot.sagas.remediation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code chariot.sagas.remediation.*}: how a remediated risk is checked again.
 *
 * @param capability     the capability of the re-test job (run against the risk's domain)
 * @param deadline       how long to wait for the re-test before flagging the check for an operator
 * @param timeoutSeconds the re-test run's own timeout
 */
@ConfigurationProperties("chariot.sagas.remediation")
public record RemediationProperties(String capability, Duration deadline, Long timeoutSeconds) {

    public RemediationProperties {
        capability = capability == null || capability.isBlank() ? "nuclei" : capability;
        deadline = deadline == null ? Duration.ofDays(7) : deadline;
        timeoutSeconds = timeoutSeconds == null ? 3600L : timeoutSeconds;
        if (deadline.isNegative() || deadline.isZero() || timeoutSeconds < 1) {
            throw new IllegalArgumentException("chariot.sagas.remediation: deadline and timeout-seconds must be "
                    + "positive");
        }
    }
}
