package io.chariot.websupport.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client reads when its body cannot be read: where and what, in its own terms; never a Java type. */
class ProblemHandlingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Node(List<String> labels, List<Filter> filters) {
    }

    record Filter(String field, JsonNode value) {
    }

    record Body(String group, List<String> attackSurface, Node node, Boolean exact, Integer limit) {
    }

    private static String detail(String body) {
        try {
            JSON.readValue(body, Body.class);
        } catch (Exception e) {
            return ProblemHandling.unreadable(new HttpMessageNotReadableException("JSON parse error: " + e.getMessage(),
                    e, new MockHttpInputMessage(body.getBytes())));
        }
        throw new AssertionError("readable: " + body);
    }

    @Test
    void aMemberOfTheWrongTypeIsNamedWithTheTypeItMustBe() {
        assertThat(detail("{\"group\":[\"a\"]}")).isEqualTo("group must be a string");
        assertThat(detail("{\"group\":{\"a\":1}}")).isEqualTo("group must be a string");
        assertThat(detail("{\"attackSurface\":\"x\",\"group\":\"a\"}")).isEqualTo("attackSurface must be a list");
        assertThat(detail("{\"attackSurface\":[{\"a\":1}]}")).isEqualTo("attackSurface[0] must be a string");
        assertThat(detail("{\"node\":{\"labels\":\"Asset\"}}")).isEqualTo("node.labels must be a list");
        assertThat(detail("{\"node\":{\"filters\":[{\"field\":[]}]}}")).isEqualTo("node.filters[0].field must be a string");
        assertThat(detail("{\"exact\":[]}")).isEqualTo("exact must be true or false");
        assertThat(detail("{\"limit\":\"many\"}")).isEqualTo("limit must be an integer");
        assertThat(detail("{\"node\":1}")).isEqualTo("node must be an object");
        assertThat(detail("[1]")).isEqualTo("the JSON body must be an object");
    }

    @Test
    void brokenJsonSaysWhereWithoutJacksonsInternals() {
        assertThat(detail("{\"group\":\"a\",")).startsWith("malformed JSON body at line 1, column 14: Unexpected end-of-input");
        assertThat(detail("{\"group\":\"a\"")).doesNotContain("Source").doesNotContain("StreamReadFeature")
                .startsWith("malformed JSON body at line 1");
        assertThat(detail("{'group':1}")).startsWith("malformed JSON body at line 1, column 2: Unexpected character");
    }

    @Test
    void aMissingBodyIsNamedAsSuch() {
        var missing = new HttpMessageNotReadableException("Required request body is missing: public java.util.List "
                + "io.chariot.asset.web.AssetCommandController.upsert(io.chariot.websupport.tenancy.Caller)",
                new MockHttpInputMessage(new byte[0]));
        assertThat(ProblemHandling.unreadable(missing)).isEqualTo("a JSON body is required");
    }

    @Test
    void detailsNeverNameJavaTypesNorCarryUnprintableOrEndlessText() {
        assertThat(Problems.detail("Cannot deserialize value of type `java.util.ArrayList<java.lang.String>`"))
                .isEqualTo("the request is not valid");
        assertThat(Problems.detail("failed in io.chariot.asset.web.AssetCommandController.upsert(x)"))
                .isEqualTo("the request is not valid");
        // a domain that merely starts like a package is not a type name
        assertThat(Problems.detail("not an asset key: #asset#com.example.org#x")).contains("com.example.org");
        assertThat(Problems.detail("bad \u0000 and \ud800 here")).isEqualTo("bad \ufffd and \ufffd here");
        assertThat(Problems.detail("x".repeat(5000))).hasSize(Problems.MAX_DETAIL + 1).endsWith("…");
        assertThat(Problems.detail("\ud83d\ude00 stays")).isEqualTo("\ud83d\ude00 stays");
    }
}
