package io.chariot.projections.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis key layout the count projections write and the query API reads. */
class CountKeysTest {

    @Test
    void theLiveGenerationHasThePlainPrefixAndABlueGreenGenerationItsOwn() {
        assertThat(CountKeys.prefix(0)).isEqualTo("chariot:");
        assertThat(CountKeys.prefix(2)).isEqualTo("chariot:g2:");
    }

    @Test
    void aTenantsCountsAreOneHashPerKindWithTheTenantAsClusterHashTag() {
        assertThat(CountKeys.counts(CountKeys.prefix(0), "t@x.com", "asset")).isEqualTo("chariot:counts:{t@x.com}:asset");
        assertThat(CountKeys.state(CountKeys.prefix(3), "t@x.com", "risk")).isEqualTo("chariot:g3:state:{t@x.com}:risk");
    }

    @Test
    void aGenerationsKeysNeverMatchTheLiveGenerationsPatterns() {
        String live = CountKeys.prefix(0) + "counts:";
        String live2 = CountKeys.prefix(0) + "state:";

        assertThat(CountKeys.counts(CountKeys.prefix(2), "t", "asset")).doesNotStartWith(live).doesNotStartWith(live2);
        assertThat(CountKeys.state(CountKeys.prefix(2), "t", "asset")).doesNotStartWith(live).doesNotStartWith(live2);
    }

    @Test
    void theTenantIsReadBackFromItsKeyEvenWhenItContainsBraces() {
        assertThat(CountKeys.tenantOf(CountKeys.counts("chariot:", "t@x.com", "asset"))).isEqualTo("t@x.com");
        assertThat(CountKeys.tenantOf(CountKeys.state("chariot:g2:", "a}b{c", "risk"))).isEqualTo("a}b{c");
    }

    @Test
    void aKeyWithoutAHashTagHasNoTenant() {
        assertThat(CountKeys.tenantOf("chariot:counts:asset")).isEmpty();
        assertThat(CountKeys.tenantOf("chariot:}x{")).isEmpty();
    }
}
