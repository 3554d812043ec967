package io.chariot.asset.web;

/** {@code /attribute} body: {@code key} is the parent asset key on add and the attribute key on delete. */
public record AttributeRequest(String key, String name, String value) {
}
