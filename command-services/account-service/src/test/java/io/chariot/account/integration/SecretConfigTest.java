package io.chariot.account.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void secretLookingMembersAreRedactedAndKeptApartByPointer() throws Exception {
        var split = SecretConfig.split(json("""
                {"org":"acme","token":"ghp_1","nested":{"client_secret":"cs","region":"us"},
                 "API-Key":"k","private_key":"pk","password":"pw","list":[{"apiKey":"a"}]}"""));
        assertThat(split.shown()).isEqualTo(json("""
                {"org":"acme","token":"********","nested":{"client_secret":"********","region":"us"},
                 "API-Key":"********","private_key":"********","password":"********","list":[{"apiKey":"********"}]}"""));
        assertThat(split.secrets()).isEqualTo(json("""
                {"/token":"ghp_1","/nested/client_secret":"cs","/API-Key":"k","/private_key":"pk","/password":"pw",
                 "/list/0/apiKey":"a"}"""));
    }

    @Test
    void everythingUnderASecretMemberIsSecret() throws Exception {
        var split = SecretConfig.split(json("{\"secret\":{\"a\":\"1\",\"b\":{\"c\":2}},\"name\":\"x\"}"));
        assertThat(split.shown()).isEqualTo(json("{\"secret\":\"********\",\"name\":\"x\"}"));
        assertThat(split.secrets()).isEqualTo(json("{\"/secret\":{\"a\":\"1\",\"b\":{\"c\":2}}}"));
    }

    @Test
    void emptySecretsHaveNothingToHide() throws Exception {
        var split = SecretConfig.split(json("{\"token\":\"\",\"password\":null}"));
        assertThat(split.hasSecrets()).isFalse();
        assertThat(split.shown()).isEqualTo(json("{\"token\":\"\",\"password\":null}"));
    }

    @Test
    void noConfigIsAnEmptyObjectAndAConfigMustBeAnObject() throws Exception {
        assertThat(SecretConfig.split(null).shown().isEmpty()).isTrue();
        assertThatThrownBy(() -> SecretConfig.split(json("[1]"))).isInstanceOf(IllegalArgumentException.class);
    }
}
