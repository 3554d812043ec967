package io.chariot.websupport.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client may read of an error message. */
class ProblemsTest {

    @Test
    void aMessageNamingAJavaTypeIsReplacedByAGenericOne() {
        assertThat(Problems.detail("Cannot deserialize value of type `java.util.ArrayList` from Object"))
                .isEqualTo("the request is not valid");
        assertThat(Problems.detail("failed in io.chariot.asset.Asset.handle(")).isEqualTo("the request is not valid");
    }

    @Test
    void aMessageMentioningADomainNameIsKeptAsItIs() {
        assertThat(Problems.detail("key must start with #asset#, got io.example.com"))
                .isEqualTo("key must start with #asset#, got io.example.com");
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreReplacedButNewlinesAndEmojiStay() {
        assertThat(Problems.detail("a\u0000b\u001bc\nd")).isEqualTo("a\uFFFDb\uFFFDc\nd");
        assertThat(Problems.detail("x\uD800y")).isEqualTo("x\uFFFDy");
        assertThat(Problems.detail("ok \uD83D\uDE00")).isEqualTo("ok \uD83D\uDE00");
    }

    @Test
    void aLongMessageIsCutAtThreeHundredCharactersAndSaysSo() {
        String detail = Problems.detail("x".repeat(1_000));

        assertThat(detail).hasSize(Problems.MAX_DETAIL + 1).endsWith("x…");
        assertThat(Problems.detail("x".repeat(Problems.MAX_DETAIL))).doesNotEndWith("…");
    }

    @Test
    void aBlankMessageGivesAProblemWithoutDetail() {
        assertThat(Problems.detail(null)).isNull();
        assertThat(Problems.detail("  ")).isNull();
        assertThat(Problems.of(HttpStatus.NOT_FOUND, "").getDetail()).isNull();
        assertThat(Problems.of(HttpStatus.NOT_FOUND, "").getStatus()).isEqualTo(404);
    }

    @Test
    void listsArePluralisedAsChariotsClientsExpectAndKeysNameTheirType() {
        assertThat(Plural.of("asset")).isEqualTo("assets");
        assertThat(Plural.of("policy")).isEqualTo("policies");
        assertThat(Plural.typeOfKey("#asset#example.com#1.2.3.4")).isEqualTo("asset");
        assertThat(Plural.typeOfKey("#job")).isEqualTo("job");
        assertThat(Plural.typeOfKey("asset")).isEqualTo("item");
        assertThat(Plural.typeOfKey(null)).isEqualTo("item");
    }
}
