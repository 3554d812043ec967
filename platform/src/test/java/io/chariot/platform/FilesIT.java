package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.file.web.UrlSigner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * praetorian-cli's file flow on the platform's own signed URLs: {@code PUT /file} → PUT raw bytes to {@code url}
 * without auth → {@code GET /file} → GET {@code url} → the same bytes; listed via {@code GET /my?key=#file#};
 * deleted. A URL that is expired, tampered with or re-pointed at another tenant is 403 and writes nothing.
 */
class FilesIT extends PlatformIntegrationTest {

    static final String NAME = "imports/report one.txt";

    @Autowired
    UrlSigner signer;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCliFlowUploadsListsDownloadsAndDeletesAFile() throws Exception {
        ChariotClient cli = newTenant();
        byte[] content = new byte[1_500_000]; // over the 1 MiB JSON body limit, under the file limit
        new Random(7).nextBytes(content);

        // sdk.files.add: PUT /file?name= → {url}; then requests.put(url, data=bytes) with no auth header
        var presigned = cli.put("/file?name=" + enc(NAME), "");
        assertThat(presigned.status()).isEqualTo(200);
        String uploadUrl = presigned.json().get("url").asText();
        assertThat(uploadUrl).startsWith(cli.api + "/signed/file?");
        var uploaded = ChariotClient.follow("PUT", uploadUrl, content);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);

        // sdk.files.get: GET /file?name= → {url}; then requests.get(url) with no auth header
        var download = cli.get("/file?name=" + enc(NAME));
        assertThat(download.status()).isEqualTo(200);
        var fetched = ChariotClient.follow("GET", download.json().get("url").asText(), null);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);

        // sdk.files.list: GET /my?key=#file#{prefix}
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode file = cli.my("#file#imports/").json().get("files").get(0);
            assertThat(file.get("key").asText()).isEqualTo("#file#" + NAME);
            assertThat(file.get("name").asText()).isEqualTo(NAME);
            assertThat(file.get("size").asLong()).isEqualTo(content.length);
            assertThat(file.get("sha256").asText()).isEqualTo(sha256(content));
            assertThat(file.get("updated").asText()).isNotBlank();
            assertThat(file.has("bytes")).isFalse();
        });

        // sdk.files.delete: DELETE /file?name= with body {}
        assertThat(cli.delete("/file?name=" + enc(NAME), "{}").status()).isEqualTo(200);
        assertThat(cli.get("/file?name=" + enc(NAME)).status()).isEqualTo(404);
        assertThat(ChariotClient.follow("GET", download.json().get("url").asText(), null).status()).isEqualTo(404);
        assertThat(cli.delete("/file?name=" + enc(NAME), "{}").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cli.my("#file#").json().has("files")).isFalse());
    }

    @Test
    void theEncryptedSpaceIsReadAndWrittenDirectlyAndItsBytesAreSealedAtRest() {
        ChariotClient cli = newTenant();
        String name = "_encrypted/test-file.txt";
        String content = "10.20.30.40 and some secret text";

        // sdk.files.add(local, '_encrypted/…'): PUT /encrypted-file?name= with the raw bytes (and a JSON content type)
        var stored = cli.put("/encrypted-file?name=" + enc(name), content);
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().at("/files/0/key").asText()).isEqualTo("#file#" + name);
        // sdk.files.get: GET /encrypted-file?name= → the raw bytes
        var read = cli.get("/encrypted-file?name=" + enc(name));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(content);
        // at rest only the sealed bytes
        byte[] atRest = jdbc.queryForObject("SELECT content FROM file_content WHERE tenant = ? AND name = ?",
                byte[].class, cli.tenant, name);
        assertThat(new String(atRest, StandardCharsets.ISO_8859_1)).doesNotContain("secret text");
        // listed like any file
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode file = cli.my("#file#_encrypted/").json().get("files").get(0);
            assertThat(file.get("name").asText()).isEqualTo(name);
            assertThat(file.get("size").asLong()).isEqualTo(content.length());
        });

        // signed URLs never serve the encrypted space; /encrypted-file serves nothing else
        assertThat(cli.get("/file?name=" + enc(name)).status()).isEqualTo(400);
        assertThat(cli.put("/file?name=" + enc(name), "").status()).isEqualTo(400);
        assertThat(cli.put("/encrypted-file?name=" + enc("home/plain.txt"), "x").status()).isEqualTo(400);
        assertThat(cli.get("/encrypted-file?name=" + enc("home/plain.txt")).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM file_content WHERE tenant = ?", Integer.class,
                cli.tenant)).isEqualTo(1);

        // sdk.files.delete: DELETE /file?name= as for any file
        assertThat(cli.delete("/file?name=" + enc(name), "{}").status()).isEqualTo(200);
        assertThat(cli.get("/encrypted-file?name=" + enc(name)).status()).isEqualTo(404);
    }

    @Test
    void aTamperedOrForeignUrlIsForbiddenAndWritesNothing() {
        ChariotClient alice = newTenant();
        ChariotClient mallory = newTenant();
        String url = alice.put("/file?name=" + enc("notes/a.txt"), "").json().get("url").asText();

        // another name, another tenant, another method, a changed expiry, a cut signature
        String[] tampered = {
                url.replace("notes%2Fa.txt", "notes%2Fb.txt").replace("notes/a.txt", "notes/b.txt"),
                url.replace(enc(alice.tenant), enc(mallory.tenant)).replace(alice.tenant, mallory.tenant),
                url.replaceAll("expires=\\d+", "expires=99999999999"),
                url.substring(0, url.length() - 2)};
        for (String bad : tampered) {
            assertThat(bad).isNotEqualTo(url);
            var r = ChariotClient.follow("PUT", bad, "x".getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(bad).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        // an upload URL is not a download URL
        assertThat(ChariotClient.follow("GET", url, null).status()).isEqualTo(403);
        assertThat(rowsFor(alice.tenant) + rowsFor(mallory.tenant)).isZero();
        assertThat(mallory.get("/file?name=" + enc("notes/a.txt")).status()).isEqualTo(404);
        assertThat(alice.get("/file?name=" + enc("notes/b.txt")).status()).isEqualTo(404);
    }

    @Test
    void anExpiredUrlIsForbiddenEvenWithAValidSignature() {
        ChariotClient alice = newTenant();
        long past = signer.now().getEpochSecond() - 1;
        String signature = signer.sign(new UrlSigner.Grant("PUT", alice.tenant, alice.tenant, "late.txt", past));
        String url = alice.api + "/signed/file?tenant=" + enc(alice.tenant) + "&user=" + enc(alice.tenant)
                + "&name=late.txt&expires=" + past + "&signature=" + signature;
        var r = ChariotClient.follow("PUT", url, "late".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).contains("expired");
        assertThat(rowsFor(alice.tenant)).isZero();
    }

    @Test
    void unsafeNamesAndOversizedFilesAreRejectedAndWriteNothing() {
        ChariotClient cli = newTenant();
        for (String name : new String[]{"../escape.txt", "/etc/passwd", "a/../../b", "a//b", ""}) {
            var r = cli.put("/file?name=" + enc(name), "");
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(cli.get("/file?name=" + enc(name)).status()).as(name).isEqualTo(400);
        }
        String url = cli.put("/file?name=big.bin", "").json().get("url").asText();
        var tooBig = ChariotClient.follow("PUT", url, new byte[FILE_LIMIT + 1]);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(rowsFor(cli.tenant)).isZero();
        assertThat(cli.get("/file?name=big.bin").status()).isEqualTo(404);
        // the limit itself is fine
        assertThat(ChariotClient.follow("PUT", url, new byte[FILE_LIMIT]).status()).isEqualTo(200);
    }

    @Test
    void fileRequestsNeedATokenAndAWritableRole() {
        ChariotClient cli = newTenant();
        assertThat(cli.unauthenticated("PUT", "/file?name=a.txt", null).status()).isEqualTo(401);
        assertThat(cli.unauthenticated("GET", "/file?name=a.txt", null).status()).isEqualTo(401);
        assertThat(cli.unauthenticated("DELETE", "/file?name=a.txt", "{}").status()).isEqualTo(401);
        assertThat(cli.put("/file?name=a.txt&praetorian=true", "").status()).isEqualTo(403);
    }

    private int rowsFor(String tenant) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM file_content WHERE tenant = ?", Integer.class, tenant);
        return n == null ? 0 : n;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
