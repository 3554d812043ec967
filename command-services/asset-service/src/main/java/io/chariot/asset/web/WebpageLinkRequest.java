package io.chariot.asset.web;

/** {@code PUT /webpage/link} and {@code DELETE /webpage/link}: a file or repository key and the webpage's key. */
public record WebpageLinkRequest(String webpageKey, String entityKey) {
}
