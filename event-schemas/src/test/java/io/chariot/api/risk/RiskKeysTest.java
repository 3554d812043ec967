package io.chariot.api.risk;

import io.chariot.api.asset.InvalidKeyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskKeysTest {

    @Test
    void anAttributeKeyEndingInARiskKeyBelongsToThatRisk() {
        assertThat(RiskKeys.isRiskAttributeKey("#attribute#source#webhook#risk#example.com#open-redis")).isTrue();
        assertThat(RiskKeys.riskParentOf("#attribute#source#webhook#risk#example.com#open-redis"))
                .isEqualTo("#risk#example.com#open-redis");
    }

    @Test
    void anAssetsAttributeOrAValueThatOnlyMentionsARiskIsNotARisksAttribute() {
        assertThat(RiskKeys.isRiskAttributeKey("#attribute#https#443#asset#example.com#1.2.3.4")).isFalse();
        assertThat(RiskKeys.isRiskAttributeKey("#attribute#note#see #risk#a.com#x#asset#a.com#a.com")).isFalse();
        assertThat(RiskKeys.isRiskAttributeKey("#risk#example.com#open-redis")).isFalse();
        assertThat(RiskKeys.isRiskAttributeKey(null)).isFalse();
        assertThatThrownBy(() -> RiskKeys.riskParentOf("#attribute#https#443#asset#example.com#1.2.3.4"))
                .isInstanceOf(InvalidKeyException.class);
    }
}
