package io.chariot.runtime.bridges;

import io.chariot.api.asset.AssetQueries.SearchByKey;
import io.chariot.api.file.FileNames;
import io.chariot.asset.web.WebpageSources;
import io.chariot.query.my.KeySearch;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.stereotype.Component;

/**
 * Where the asset context runs without the file context (the asset service), a webpage's source file is looked up
 * in the files' read model (DynamoDB, {@code #file#{name}}): a file is found once its upload is visible there, which
 * read-your-writes makes true by the time the upload answered. Chariot keeps no repositories: a
 * {@code #repository#…} source is never found.
 */
@Component
@ConditionalOnClass(name = {"io.chariot.asset.web.WebpageSources", "io.chariot.query.my.KeySearch"})
@ConditionalOnMissingClass("io.chariot.file.web.FileContents")
class WebpageSourcesFromReadModel implements WebpageSources {

    private final KeySearch keys;

    WebpageSourcesFromReadModel(KeySearch keys) {
        this.keys = keys;
    }

    @Override
    public boolean exists(String tenant, String entityKey) {
        if (!entityKey.startsWith(FileNames.PREFIX)) {
            return false;
        }
        return !keys.byKey(new SearchByKey(tenant, entityKey, true, null, 1)).items().isEmpty();
    }
}
