package io.chariot.load.gatling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShapesTest {

    @Test
    void anAssetListPassesWhenItsFirstAssetHasTheKeyGroupAndIdentifier() {
        String body = "[{\"key\":\"#asset#a.example#1.2.3.4\",\"group\":\"a.example\",\"identifier\":\"1.2.3.4\"}]";
        assertThat(Shapes.assetList(body, "#asset#a.example#1.2.3.4")).isEqualTo(Shapes.OK);
        assertThat(Shapes.assetList(body, "#asset#b.example#1.2.3.4")).startsWith("[0].key is #asset#a.example#1.2.3.4");
        assertThat(Shapes.assetList("[{\"key\":\"#asset#a#b\"}]", "#asset#a#b")).isEqualTo("[0] lacks group or identifier");
        assertThat(Shapes.assetList("{}", "#asset#a#b")).isEqualTo("not a non-empty JSON list");
        assertThat(Shapes.assetList("<html>", "#asset#a#b")).isEqualTo("not a non-empty JSON list");
    }

    @Test
    void anEnvelopeMustHoldTheExpectedKey() {
        String body = "{\"risks\":[{\"key\":\"#risk#a.example#r1\",\"status\":\"TH\"}]}";
        assertThat(Shapes.holds(body, "risks", "#risk#a.example#r1")).isEqualTo(Shapes.OK);
        assertThat(Shapes.holds(body, "risks", "#risk#a.example#r2")).isEqualTo("risks without #risk#a.example#r2");
        assertThat(Shapes.holds("{}", "risks", "#risk#a#r")).isEqualTo("no risks list");
        assertThat(Shapes.holds("[]", "risks", "#risk#a#r")).isEqualTo("not a JSON object");
    }

    @Test
    void aListMayBeEmptyButHoldsOnlyKeysUnderItsPrefix() {
        assertThat(Shapes.listOf("{}", "assets", "#asset#g1")).isEqualTo(Shapes.OK);
        assertThat(Shapes.listOf("{\"assets\":[{\"key\":\"#asset#g1#x\"}],\"offset\":\"1\"}", "assets", "#asset#g1"))
                .isEqualTo(Shapes.OK);
        assertThat(Shapes.listOf("{\"assets\":[{\"key\":\"#asset#g2#x\"}]}", "assets", "#asset#g1"))
                .isEqualTo("assets holds #asset#g2#x, outside #asset#g1");
        assertThat(Shapes.listOf("{\"assets\":{}}", "assets", "#asset#")).isEqualTo("assets is not a list");
        assertThat(Shapes.listOf("[]", "jobs", "#job#")).isEqualTo("not a JSON object");
    }
}
