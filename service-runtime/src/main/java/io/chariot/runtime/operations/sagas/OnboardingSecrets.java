package io.chariot.runtime.operations.sagas;

import io.chariot.websupport.secrets.SecretBox;
import io.chariot.sagas.onboarding.SealedSecrets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Integration onboarding opens an integration's sealed credentials to show them to its provider, with the key the
 * account context sealed them with (the deployable's {@link SecretBox}).
 */
@SagasHere
@Configuration(proxyBeanMethods = false)
class OnboardingSecrets {

    @Bean
    SealedSecrets sealedSecrets(SecretBox box) {
        return box::open;
    }
}
