package io.chariot.file.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chariot.api.file.FileNames;

import java.util.List;

/**
 * A file as {@code /file} and {@code /encrypted-file} answer it; {@code size} and {@code sha256} only for a file
 * just stored.
 */
@JsonPropertyOrder({"username", "key", "name", "size", "sha256"})
public record FileView(String username, String key, String name,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Long size,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String sha256) {

    /** The answer's envelope: {@code {"files":[…]}}. */
    public record Files(List<FileView> files) {
    }

    /** A signed URL to upload to or download from: {@code {"url":…}}. */
    public record SignedUrl(String url) {
    }

    static Files deleted(String tenant, String name) {
        return new Files(List.of(new FileView(tenant, FileNames.key(name), name, null, null)));
    }

    static Files stored(String tenant, String name, long size, String sha256) {
        return new Files(List.of(new FileView(tenant, FileNames.key(name), name, size, sha256)));
    }
}
