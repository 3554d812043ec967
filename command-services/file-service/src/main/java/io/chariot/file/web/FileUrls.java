package io.chariot.file.web;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Builds the signed URLs of {@link SignedFileController}: on {@code chariot.files.public-url} when set (a deployment
 * behind a proxy), otherwise on the base URL the client used for this request.
 */
public class FileUrls {

    public static final String PATH = "/signed/file";

    private final UrlSigner signer;
    private final Duration lifetime;
    private final String publicUrl;

    public FileUrls(UrlSigner signer, Duration lifetime, String publicUrl) {
        this.signer = signer;
        this.lifetime = lifetime;
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
    }

    public String url(String method, String tenant, String user, String name) {
        long expires = signer.now().plus(lifetime).getEpochSecond();
        String signature = signer.sign(new UrlSigner.Grant(method, tenant, user, name, expires));
        UriComponentsBuilder base = publicUrl != null ? UriComponentsBuilder.fromUriString(publicUrl)
                : ServletUriComponentsBuilder.fromCurrentContextPath();
        return base.path(PATH)
                .queryParam("tenant", "{tenant}").queryParam("user", "{user}").queryParam("name", "{name}")
                .queryParam("expires", expires).queryParam("signature", signature)
                .encode(StandardCharsets.UTF_8)
                .buildAndExpand(java.util.Map.of("tenant", tenant, "user", user, "name", name))
                .toUriString();
    }
}
