package io.chariot.projections.redis;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RedisDurabilityCheckTest {

    @Test
    void aRedisWithoutAnAppendOnlyFileForgetsAcknowledgedWrites() {
        assertThat(RedisDurabilityCheck.weakness(Map.of("aof_enabled", "0", "rdb_changes_since_last_save", "12"),
                Optional.of("everysec"))).contains("append-only file off");
    }

    @Test
    void anAppendOnlyFileSyncedLessOftenThanEveryWriteIsNotEnough() {
        assertThat(RedisDurabilityCheck.weakness(Map.of("aof_enabled", "1"), Optional.of("everysec")))
                .contains("appendfsync everysec");
    }

    @Test
    void anAppendOnlyFileSyncedOnEveryWriteIsDurableAndAnUnreadablePolicyIsGivenTheBenefitOfTheDoubt() {
        assertThat(RedisDurabilityCheck.weakness(Map.of("aof_enabled", "1"), Optional.of("always"))).isEmpty();
        assertThat(RedisDurabilityCheck.weakness(Map.of("aof_enabled", "1"), Optional.empty())).isEmpty();
    }
}
