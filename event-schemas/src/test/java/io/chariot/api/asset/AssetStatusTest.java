package io.chariot.api.asset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssetStatusTest {

    @Test
    void aRefusalNamesEveryStatusCodeInTheLanguagesOrder() {
        assertThat(AssetStatus.codes()).isEqualTo("A, P, F, D, FR, AL, AH, AP");
    }

    @Test
    void onlyTheCodesOfTheLanguageAreStatuses() {
        assertThat(AssetStatus.isValid("FR")).isTrue();
        assertThat(AssetStatus.isValid("ZZ")).isFalse();
        assertThat(AssetStatus.isValid("a")).isFalse();
    }
}
