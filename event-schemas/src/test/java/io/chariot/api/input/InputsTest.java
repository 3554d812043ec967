package io.chariot.api.input;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputsTest {

    @Test
    void wellFormedTextPassesUnchangedWhateverItsScript() {
        for (String text : new String[]{"example.com", "\u05e9\u05dc\u05d5\u05dd", "\u202eevil", "\ud83d\ude00",
                "xn--80ak6aa92e.com", "e\u0301", "tab\tand\nnewline", ""}) {
            assertThat(Inputs.text("name", text)).isEqualTo(text);
        }
        assertThat(Inputs.text("name", null)).isNull();
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedNamingTheMember() {
        assertThatThrownBy(() -> Inputs.text("group", "a\u0000b")).isInstanceOf(InvalidInputException.class)
                .hasMessage("group must not contain NUL (U+0000) characters");
        for (String broken : new String[]{"\ud800", "x\udc00y", "\ud83d", "\ude00\ud83d", "\udbff\udbff"}) {
            assertThatThrownBy(() -> Inputs.text("name", broken)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("name is not valid Unicode text (an unpaired surrogate)");
        }
    }

    @Test
    void lengthsAreCountedInUtf8Bytes() {
        assertThat(Inputs.utf8Bytes("x", "a\u00e9\u20ac\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
        assertThat(Inputs.key("key", "#asset#" + "a".repeat(StoreLimits.KEY_BYTES - 7))).hasSize(StoreLimits.KEY_BYTES);
        assertThatThrownBy(() -> Inputs.key("key", "#asset#" + "a".repeat(StoreLimits.KEY_BYTES - 6)))
                .hasMessage("key: a key is at most 1024 bytes (UTF-8)");
        // 600 two-byte characters are 1,200 bytes: over the limit though under it in characters
        assertThatThrownBy(() -> Inputs.key("name", "\u00e9".repeat(600))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Inputs.text("comment", "a".repeat(StoreLimits.TEXT_BYTES + 1)))
                .hasMessage("comment is longer than 32768 bytes (UTF-8)");
    }

    @Test
    void numbersMustFitDynamoDb() {
        for (String ok : new String[]{"0", "-1", "1e125", "9.9999999999999999999999999999999999999e125", "1e-130",
                "12345678901234567890123456789012345678", "0.1", "-0"}) {
            assertThat(Inputs.number("value", new BigDecimal(ok))).isEqualByComparingTo(new BigDecimal(ok));
        }
        for (String bad : new String[]{"1e126", "1e308", "1e-131", "-1e200"}) {
            assertThatThrownBy(() -> Inputs.number("value", new BigDecimal(bad))).hasMessageContaining("out of range");
        }
        assertThatThrownBy(() -> Inputs.number("value", new BigDecimal("123456789012345678901234567890123456789")))
                .hasMessage("value has more than 38 significant digits");
    }

    @Test
    void documentsMustBeJsonThatDynamoDbCanHold() {
        assertThat(Inputs.jsonDocument("value", "{\"a\":[1,\"x\",{\"b\":null}],\"c\":true}")).isNotNull();
        assertThatThrownBy(() -> Inputs.jsonDocument("value", "{\"\":1}"))
                .hasMessage("value has a member with an empty name");
        assertThatThrownBy(() -> Inputs.jsonDocument("value", "{\"a\":{\"b\":1e308}}"))
                .hasMessageStartingWith("value.a.b is out of range");
        assertThatThrownBy(() -> Inputs.jsonDocument("value", "[\"\\ud800\"]"))
                .hasMessage("value[0] is not valid Unicode text (an unpaired surrogate)");
        assertThatThrownBy(() -> Inputs.jsonDocument("value", "{\"a\":")).hasMessage("value is not JSON");
        String deep = "[".repeat(StoreLimits.DOCUMENT_DEPTH + 2) + "]".repeat(StoreLimits.DOCUMENT_DEPTH + 2);
        assertThatThrownBy(() -> Inputs.jsonDocument("value", deep)).hasMessageContaining("nests deeper than 31");
    }

    @Test
    void instantsMustBeOnesPostgresqlAndClientsRead() {
        assertThat(Inputs.instant("expires", Instant.parse("2030-01-01T00:00:00Z"))).isNotNull();
        assertThatThrownBy(() -> Inputs.instant("expires", Instant.parse("+10000-01-01T00:00:00Z")))
                .hasMessageStartingWith("expires must be between");
        assertThatThrownBy(() -> Inputs.instant("expires", Instant.ofEpochSecond(-1)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aHistoryTakesCommentsUntilItIsFullAndChangesWithoutACommentAlways() {
        long nearlyFull = StoreLimits.HISTORY_BYTES - 200;
        Inputs.historyRoom(nearlyFull, "a@example.com", "short");
        assertThatThrownBy(() -> Inputs.historyRoom(nearlyFull, "a@example.com", "x".repeat(200)))
                .hasMessageStartingWith("comment: the history is full");
        Inputs.historyRoom(StoreLimits.HISTORY_BYTES * 2L, "a@example.com", null);
        Inputs.historyRoom(StoreLimits.HISTORY_BYTES * 2L, "a@example.com", " ");
    }
}
