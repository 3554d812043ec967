package io.chariot.api.asset;

import io.chariot.api.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Events of webpages ({@code #webpage#{url}}), an aggregate of the asset context (ADR 0007). Each carries the
 * tenant, who caused it ({@code by}) and when ({@code at}). Never remove or retype a field (event-schemas/README.md).
 */
public final class WebpageEvents {

    private WebpageEvents() {
    }

    /**
     * A new webpage (or one added again after its removal). {@code parentKey} is the web application it was added
     * under, or null; {@code ttl} a Unix epoch in seconds.
     */
    @Revision("1")
    public record WebpageAdded(String tenant, String key, String url, String status, String parentKey, long ttl,
                               @PersonalData String by, Instant at) {
    }

    /** A known webpage added again: visited and TTL refresh. */
    @Revision("1")
    public record WebpageVisited(String tenant, String key, long ttl, @PersonalData String by, Instant at) {
    }

    /** A known webpage was added under another web application: one more HAS_WEBPAGE edge. */
    @Revision("1")
    public record WebpageParentLinked(String tenant, String key, String parentKey, @PersonalData String by,
                                      Instant at) {
    }

    /** A file or repository ({@code #file#…}, {@code #repository#…}) became source code of the webpage. */
    @Revision("1")
    public record WebpageSourceLinked(String tenant, String key, String entityKey, @PersonalData String by,
                                      Instant at) {
    }

    @Revision("1")
    public record WebpageSourceUnlinked(String tenant, String key, String entityKey, @PersonalData String by,
                                        Instant at) {
    }

    /** The webpage was deleted for good ({@code DELETE /webpage}); adding it again starts afresh. */
    @Revision("1")
    public record WebpageRemoved(String tenant, String key, @PersonalData String by, Instant at) {
    }
}
