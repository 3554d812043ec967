package io.chariot.api.asset;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetCommandsTest {

    private static final String TENANT = "user@example.com";

    @Test
    void theAggregateIdIsTheTenantFollowedByTheKey() {
        assertThat(AssetCommands.aggregateId(TENANT, "#asset#example.com#example.com"))
                .isEqualTo("user@example.com#asset#example.com#example.com");
    }

    @Test
    void aTenantIsRequiredAndMustNotContainAHash() {
        assertThatThrownBy(() -> AssetCommands.aggregateId(null, "#asset#a#b")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> AssetCommands.aggregateId(" ", "#asset#a#b")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> AssetCommands.aggregateId("a#b", "#asset#a#b"))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void anUpsertTargetsTheAssetOfItsNormalisedIdentity() {
        var upsert = AssetCommands.UpsertAsset.of(TENANT, "Example.com", "WWW.Example.com", null, null,
                                                  List.of("external"), null, "alice");

        assertThat(upsert.assetId()).isEqualTo(TENANT + "#asset#example.com#www.example.com");
        assertThat(upsert.dns()).isEqualTo("Example.com");
    }

    @Test
    void commandsNamingAKeyTargetItsNormalisedForm() {
        assertThat(AssetCommands.UpdateAsset.of(TENANT, "#asset#Example.com#Example.com", "F", null, null, "alice"))
                .extracting(AssetCommands.UpdateAsset::assetId, AssetCommands.UpdateAsset::key)
                .containsExactly(TENANT + "#asset#example.com#example.com", "#asset#example.com#example.com");
        assertThat(AssetCommands.DeleteAsset.of(TENANT, "#ASSET#a#b", null, "alice").assetId())
                .isEqualTo(TENANT + "#asset#a#b");
        assertThat(AssetCommands.AddAttribute.of(TENANT, "#asset#A#B", "https", "443", null, "alice").assetKey())
                .isEqualTo("#asset#a#b");
        assertThat(AssetCommands.AddPort.of(TENANT, "#asset#A#B", "tcp", 443, "https", null, "alice").assetId())
                .isEqualTo(TENANT + "#asset#a#b");
    }

    @Test
    void removingAChildTargetsTheAssetItsKeyEndsWith() {
        assertThat(AssetCommands.RemoveAttribute.of(TENANT, "#attribute#https#443#asset#a#b", "alice").assetId())
                .isEqualTo(TENANT + "#asset#a#b");
        assertThat(AssetCommands.RemovePort.of(TENANT, "#port#tcp#443#asset#a#b", "alice").assetId())
                .isEqualTo(TENANT + "#asset#a#b");
    }
}
