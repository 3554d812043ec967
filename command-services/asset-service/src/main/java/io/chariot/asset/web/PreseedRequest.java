package io.chariot.asset.web;

/** {@code /preseed} bodies: add {@code {type, title, value, status}}, update {@code {key, status, comment?}}, delete {@code {key}}. */
public record PreseedRequest(String key, String type, String title, String value, String status, String comment) {
}
