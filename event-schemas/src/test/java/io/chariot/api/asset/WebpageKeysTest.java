package io.chariot.api.asset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebpageKeysTest {

    @Test
    void aWebpageIsKeyedByItsUrlAsGiven() {
        assertThat(WebpageKeys.key(" https://app.example.com/Login?next=/ "))
                .isEqualTo("#webpage#https://app.example.com/Login?next=/");
    }

    @Test
    void aVeryLongUrlMakesAKeyCutToTheLongestKeyTheTableHolds() {
        String url = "https://example.com/" + "a".repeat(3000);
        assertThat(WebpageKeys.key(url)).hasSize(1024).startsWith("#webpage#https://example.com/a");
        // cut in bytes of UTF-8, never inside a character
        String wide = WebpageKeys.key("https://example.com/" + "\u00e9".repeat(2000));
        assertThat(wide.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(wide).endsWith("\u00e9");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"example.com/index.html", "ftp://example.com/", "https://", "https://exa mple.com/"})
    void aUrlThatIsNotHttpWithAHostIsRejected(String url) {
        assertThatThrownBy(() -> WebpageKeys.key(url)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void aParentMustBeAWebApplicationAndASourceAFileOrRepository() {
        assertThat(WebpageCommands.webApplicationKey("#webapplication#HTTPS://App.example.com"))
                .isEqualTo("#webapplication#https://app.example.com/");
        assertThatThrownBy(() -> WebpageCommands.webApplicationKey("#asset#example.com#example.com"))
                .isInstanceOf(InvalidKeyException.class);
        assertThat(WebpageCommands.sourceKey("#file#proofs/scan.txt")).isEqualTo("#file#proofs/scan.txt");
        assertThatThrownBy(() -> WebpageCommands.sourceKey("#asset#a#b")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> WebpageCommands.sourceKey("#file#")).isInstanceOf(InvalidKeyException.class);
    }
}
