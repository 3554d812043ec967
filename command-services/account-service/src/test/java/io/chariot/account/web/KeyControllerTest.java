package io.chariot.account.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.chariot.websupport.web.BadRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyControllerTest {

    @Test
    void keyIdsAreLowerCaseBase32WithoutPaddingOf16RandomBytes() {
        String id = KeyController.newKeyId();
        assertThat(id).hasSize(26).matches("^[a-z2-7]{26}$");
        assertThat(KeyController.newKeyId()).isNotEqualTo(id);
    }

    @Test
    void base32FollowsRfc4648TestVectors() {
        assertThat(KeyController.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("my");
        assertThat(KeyController.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytboi");
    }

    @Test
    void expiriesAreDateTimesDatesOrEpochSeconds() {
        var json = JsonNodeFactory.instance;
        assertThat(KeyController.expires(json.textNode("2030-01-02T03:04:05Z")))
                .isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(KeyController.expires(json.textNode("2030-01-02"))).isEqualTo(Instant.parse("2030-01-02T00:00:00Z"));
        assertThat(KeyController.expires(json.numberNode(1893456000L))).isEqualTo(Instant.ofEpochSecond(1893456000L));
        assertThat(KeyController.expires(null)).isNull();
        assertThat(KeyController.expires(json.textNode(""))).isNull();
        assertThatThrownBy(() -> KeyController.expires(json.textNode("tomorrow")))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void anExpiryNoStoreOrClientCanHoldIsABadRequestNotAnError() {
        var json = JsonNodeFactory.instance;
        for (var expires : java.util.List.of(json.numberNode(99_999_999_999_999L), json.numberNode(1e20),
                json.numberNode(-1L), json.textNode("+99999-01-01T00:00:00Z"))) {
            assertThatThrownBy(() -> KeyController.expires(expires)).as(expires.toString())
                    .isInstanceOf(io.chariot.websupport.web.BadRequestException.class)
                    .hasMessageStartingWith("expires must be between");
        }
    }
}
