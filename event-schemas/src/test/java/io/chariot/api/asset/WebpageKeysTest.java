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
    void aVeryLongUrlMakesAKeyCutAt2048Characters() {
        String url = "https://example.com/" + "a".repeat(3000);
        assertThat(WebpageKeys.key(url)).hasSize(2048).startsWith("#webpage#https://example.com/a");
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
