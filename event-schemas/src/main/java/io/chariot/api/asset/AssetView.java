package io.chariot.api.asset;

import com.fasterxml.jackson.annotation.JsonValue;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An asset of any {@link AssetKind} as Chariot's clients read it — the one definition of that shape: the command
 * API answers it, and the DynamoDB item and the Neo4j node of a discovered asset are written from it (plus what
 * only they keep: comment, history, labels). Its {@link #toWire() fields}: the kind's own names for group and
 * identifier (dns/name, name/primary_url, domain/objectid) and group/identifier themselves, class, private, status,
 * source, origin, the attack surface and its flags, lifecycle and ttl. Absent values are nulls in the map; the
 * application's JSON and the DynamoDB item leave them out.
 */
public record AssetView(String tenant, String key, String group, String identifier, String assetClass,
                        boolean privateAddress, String status, String source, String origin,
                        List<String> attackSurface, Instant created, Instant visited, Instant updated, long ttl) {

    public AssetView {
        attackSurface = attackSurface == null ? List.of() : attackSurface;
    }

    /** The asset a command left behind. */
    public static AssetView of(String tenant, AssetState s) {
        return new AssetView(tenant, s.key(), s.dns(), s.name(), s.assetClass(), s.privateAddress(), s.status(),
                s.source(), s.origin(), s.attackSurface(), s.created(), s.visited(), s.updated(), s.ttl());
    }

    /** The asset as it was discovered: created, visited and updated then. */
    public static AssetView discovered(AssetDiscovered e) {
        return new AssetView(e.tenant(), e.key(), e.dns(), e.name(), e.assetClass(), e.privateAddress(), e.status(),
                e.source(), e.origin(), e.attackSurface(), e.at(), e.at(), e.at(), e.ttl());
    }

    public AssetKind kind() {
        return AssetKind.ofKey(key).orElse(AssetKind.ASSET);
    }

    /** The fields in the order clients see them; values are strings, booleans, a long and a list of strings. */
    @JsonValue
    public Map<String, Object> toWire() {
        Map<String, Object> asset = new LinkedHashMap<>();
        asset.put("username", tenant);
        asset.put("key", key);
        asset.putAll(kind().wireFields(group, identifier));
        asset.put("class", assetClass);
        asset.put("private", privateAddress);
        asset.put("status", status);
        asset.put("source", source);
        asset.put("origin", origin);
        asset.put("attackSurface", attackSurface);
        asset.putAll(AttackSurfaces.flags(attackSurface));
        asset.put("created", time(created));
        asset.put("visited", time(visited));
        asset.put("updated", time(updated));
        asset.put("ttl", ttl);
        return asset;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
