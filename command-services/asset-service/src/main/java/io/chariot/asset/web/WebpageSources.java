package io.chariot.asset.web;

/**
 * Whether a file or repository a webpage would link to as its source exists in a tenant. The asset context keeps
 * no files; the deployment plugs in a directory backed by the store that does (the platform: the file store).
 */
public interface WebpageSources {

    boolean exists(String tenant, String entityKey);
}
