package io.chariot.runtime.bridges;

import io.chariot.api.asset.AssetQueries.SearchByKey;
import io.chariot.asset.web.AssetKeyDirectory;
import io.chariot.query.my.KeySearch;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Explicit prefix deletes look keys up in the DynamoDB read model (eventually consistent: an asset added a moment
 * ago may not be found yet), wherever the asset context runs: the platform, the asset service.
 */
@Component
@ConditionalOnClass(name = {"io.chariot.asset.web.AssetKeyDirectory", "io.chariot.query.my.KeySearch"})
class AssetKeysFromReadModel implements AssetKeyDirectory {

    private final KeySearch keys;

    AssetKeysFromReadModel(KeySearch keys) {
        this.keys = keys;
    }

    @Override
    public List<String> assetKeysWithPrefix(String tenant, String prefix, int limit) {
        List<String> found = new ArrayList<>();
        String offset = null;
        do {
            var page = keys.byKey(new SearchByKey(tenant, prefix, false, offset, Math.min(1000, limit - found.size())));
            page.items().forEach(item -> found.add((String) item.get("key")));
            offset = page.offset();
        } while (offset != null && found.size() < limit);
        return found.size() > limit ? found.subList(0, limit) : found;
    }
}
