package io.chariot.api.asset;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands of webpages. The aggregate identifier is tenant + key, like every Chariot record
 * ({@link AssetCommands#aggregateId}).
 */
public final class WebpageCommands {

    private WebpageCommands() {
    }

    /**
     * A webpage as it is once a command has been handled.
     *
     * @param parents   keys of the web applications it was added under
     * @param artifacts keys of the files and repositories linked to it as source code
     * @param ttl       Unix epoch seconds
     */
    public record WebpageState(String key, String url, String status, List<String> parents, List<String> artifacts,
                               Instant created, Instant visited, Instant updated, long ttl) {
    }

    /**
     * Adds a webpage, or visits one that exists ({@code POST /webpage}).
     *
     * @param status    requested status of a new webpage; null means A
     * @param parentKey a web application key, or null
     */
    public record AddWebpage(@TargetAggregateIdentifier String webpageId, String tenant, String url, String status,
                             String parentKey, String by) {

        public static AddWebpage of(String tenant, String url, String status, String parentKey, String by) {
            String key = WebpageKeys.key(url);
            String parent = parentKey == null || parentKey.isBlank() ? null : webApplicationKey(parentKey);
            return new AddWebpage(AssetCommands.aggregateId(tenant, key), tenant, WebpageKeys.checkedUrl(url),
                    status, parent, by);
        }
    }

    public record RemoveWebpage(@TargetAggregateIdentifier String webpageId, String tenant, String key, String by) {

        public static RemoveWebpage of(String tenant, String key, String by) {
            String k = WebpageKeys.parse(key);
            return new RemoveWebpage(AssetCommands.aggregateId(tenant, k), tenant, k, by);
        }
    }

    /** Links a file or repository to the webpage as source code ({@code PUT /webpage/link}). */
    public record LinkWebpageSource(@TargetAggregateIdentifier String webpageId, String tenant, String key,
                                    String entityKey, String by) {

        public static LinkWebpageSource of(String tenant, String key, String entityKey, String by) {
            String k = WebpageKeys.parse(key);
            return new LinkWebpageSource(AssetCommands.aggregateId(tenant, k), tenant, k, sourceKey(entityKey), by);
        }
    }

    /** Unlinks a source ({@code DELETE /webpage/link}); unlinking one that is not linked changes nothing. */
    public record UnlinkWebpageSource(@TargetAggregateIdentifier String webpageId, String tenant, String key,
                                      String entityKey, String by) {

        public static UnlinkWebpageSource of(String tenant, String key, String entityKey, String by) {
            String k = WebpageKeys.parse(key);
            return new UnlinkWebpageSource(AssetCommands.aggregateId(tenant, k), tenant, k, sourceKey(entityKey),
                    by);
        }
    }

    /** A web application key, normalised. */
    public static String webApplicationKey(String key) {
        if (AssetKind.ofKey(key).orElse(null) != AssetKind.WEBAPPLICATION) {
            throw new InvalidKeyException("a webpage's parent must be a web application key "
                    + "(#webapplication#{url}): " + key);
        }
        return AssetKeys.normalisedKey(key);
    }

    /** A source entity key: {@code #file#{path}} or {@code #repository#{url}#{name}}. */
    public static String sourceKey(String key) {
        String k = key == null ? "" : key.trim();
        if ((k.startsWith("#file#") && k.length() > "#file#".length())
                || (k.startsWith("#repository#") && k.length() > "#repository#".length())) {
            return k;
        }
        throw new InvalidKeyException("a webpage source must be a file or repository key (#file#{path} or "
                + "#repository#{url}#{name}): " + key);
    }
}
