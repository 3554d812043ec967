package io.chariot.asset.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * praetorian-cli's webpage bodies: {@code POST /webpage} {@code {"webpage":{"url","status"},"parent_key"?}} and
 * {@code DELETE /webpage} {@code {"webpage":{"key"}}}.
 */
public record WebpageRequest(Page webpage, @JsonProperty("parent_key") String parentKey) {

    public record Page(String url, String key, String status) {
    }
}
