package io.chariot.websupport.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A webhook's pin, read back by its tenant from the record's sealed secrets. */
class HookPinsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD = "t@x.com#account#t@x.com#hook#t@x.com";

    private static SecretBox box() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretBox(key);
    }

    @Test
    void thePinOpensWithTheRecordItWasSealedFor() {
        SecretBox box = box();
        String sealed = box.seal("{\"pin\":\"abc123\",\"/other\":\"x\"}", RECORD);

        assertThat(HookPins.open(box, JSON, sealed, RECORD)).contains("abc123");
    }

    @Test
    void anotherRecordsSealOrNoPinGivesNothingRatherThanAnError() {
        SecretBox box = box();

        assertThat(HookPins.open(box, JSON, box.seal("{\"pin\":\"abc123\"}", "another#record"), RECORD)).isEmpty();
        assertThat(HookPins.open(box, JSON, box.seal("{\"/token\":\"x\"}", RECORD), RECORD)).isEmpty();
        assertThat(HookPins.open(box, JSON, box.seal("{\"pin\":42}", RECORD), RECORD)).isEmpty();
        assertThat(HookPins.open(box, JSON, "not sealed", RECORD)).isEmpty();
    }
}
