package io.chariot.runtime.bridges;

import io.chariot.api.file.FileNames;
import io.chariot.asset.web.WebpageSources;
import io.chariot.file.web.FileContents;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.stereotype.Component;

/**
 * Where the file context runs beside the asset context (the platform), a webpage's source file is checked in the
 * file store itself (PostgreSQL, written in the upload's own transaction, so a file uploaded a moment ago is found).
 * Chariot keeps no repositories: a {@code #repository#…} source is never found.
 */
@Component
@ConditionalOnClass(name = {"io.chariot.asset.web.WebpageSources", "io.chariot.file.web.FileContents"})
class WebpageSourcesFromFiles implements WebpageSources {

    private final FileContents files;

    WebpageSourcesFromFiles(FileContents files) {
        this.files = files;
    }

    @Override
    public boolean exists(String tenant, String entityKey) {
        if (!entityKey.startsWith(FileNames.PREFIX)) {
            return false;
        }
        return files.exists(tenant, entityKey.substring(FileNames.PREFIX.length()));
    }
}
