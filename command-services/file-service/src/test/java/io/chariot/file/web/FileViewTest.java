package io.chariot.file.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /file} and {@code /encrypted-file} answers. */
class FileViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDeletedFileAnswersItsKeyAndNameButNoSizeOrHash() throws Exception {
        assertThat(JSON.writeValueAsString(FileView.deleted("acme@example.com", "proofs/a.txt"))).isEqualTo(
                "{\"files\":[{\"username\":\"acme@example.com\",\"key\":\"#file#proofs/a.txt\","
                        + "\"name\":\"proofs/a.txt\"}]}");
    }

    @Test
    void aStoredFileAnswersItsSizeAndSha256Last() throws Exception {
        assertThat(JSON.writeValueAsString(FileView.stored("acme@example.com", "_encrypted/k", 3, "abc")))
                .endsWith(",\"name\":\"_encrypted/k\",\"size\":3,\"sha256\":\"abc\"}]}");
    }

    @Test
    void aSignedUrlIsAnsweredAsItsOnlyMember() throws Exception {
        assertThat(JSON.writeValueAsString(new FileView.SignedUrl("http://127.0.0.1/f?sig=x")))
                .isEqualTo("{\"url\":\"http://127.0.0.1/f?sig=x\"}");
    }
}
