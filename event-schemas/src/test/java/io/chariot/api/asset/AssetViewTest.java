package io.chariot.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The asset's client JSON, serialized as the application does (absent values left out). */
class AssetViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-01-02T00:00:00Z");

    @Test
    void anAssetReadsAsItsKindsFieldsThenClassSurfaceFlagsAndLifecycleWithAbsentValuesLeftOut() throws Exception {
        AssetState state = new AssetState("#asset#example.com#1.2.3.4", "example.com", "1.2.3.4", "ipv4", false, "A",
                "provided", null, List.of("external", "Cloud"), CREATED, LATER, LATER, 0);

        assertThat(JSON.writeValueAsString(AssetView.of("acme@example.com", state))).isEqualTo("""
                {"username":"acme@example.com","key":"#asset#example.com#1.2.3.4","dns":"example.com",\
                "name":"1.2.3.4","group":"example.com","identifier":"1.2.3.4","class":"ipv4","private":false,\
                "status":"A","source":"provided","attackSurface":["external","Cloud"],\
                "isExternal":true,"isInternal":false,"isCloud":true,"isApplication":false,"isRepository":false,\
                "created":"2026-01-01T00:00:00Z","visited":"2026-01-02T00:00:00Z",\
                "updated":"2026-01-02T00:00:00Z","ttl":0}""");
    }

    @Test
    void aWebApplicationNamesItsGroupAndUrlAndAnAssetWithoutSurfaceHasAnEmptyOne() {
        AssetState state = new AssetState("#webapplication#https://shop.example.com/", "Shop",
                "https://shop.example.com/", null, false, "A", "provided", null, null, CREATED, CREATED, CREATED, 7);

        assertThat(AssetView.of("acme@example.com", state).toWire())
                .containsEntry("name", "Shop").containsEntry("primary_url", "https://shop.example.com/")
                .containsEntry("group", "Shop").containsEntry("attackSurface", List.of())
                .containsEntry("isExternal", false).containsEntry("ttl", 7L).doesNotContainKey("dns");
    }

    @Test
    void aDiscoveredAssetWasCreatedVisitedAndUpdatedWhenItWasDiscovered() {
        AssetDiscovered discovered = new AssetDiscovered("acme@example.com", "#addomain#corp.local#S-1-5-21",
                "corp.local", "S-1-5-21", "addomain", true, "A", "seed", "#job#x", List.of("internal"), 99,
                "a comment", "alice", CREATED);

        assertThat(AssetView.discovered(discovered).toWire())
                .containsEntry("username", "acme@example.com").containsEntry("domain", "corp.local")
                .containsEntry("objectid", "S-1-5-21").containsEntry("sid", "S-1-5-21")
                .containsEntry("private", true).containsEntry("origin", "#job#x").containsEntry("isInternal", true)
                .containsEntry("created", "2026-01-01T00:00:00Z").containsEntry("visited", "2026-01-01T00:00:00Z")
                .containsEntry("updated", "2026-01-01T00:00:00Z").containsEntry("ttl", 99L)
                .doesNotContainKeys("comment", "by", "at");
    }
}
