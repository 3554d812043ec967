package io.chariot.platform;

import io.chariot.api.file.FileNames;
import io.chariot.asset.web.WebpageSources;
import io.chariot.file.web.FileContents;
import org.springframework.stereotype.Component;

/**
 * In the all-in-one deployment a webpage's source file is checked in the file store itself (PostgreSQL, written in
 * the upload's own transaction, so a file uploaded a moment ago is found). The platform keeps no repositories: a
 * {@code #repository#…} source is never found.
 */
@Component
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
