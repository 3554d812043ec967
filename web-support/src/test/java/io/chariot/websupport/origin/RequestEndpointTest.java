package io.chariot.websupport.origin;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint a command's origin records: the mapping's pattern, never what the URL carried. */
class RequestEndpointTest {

    @Test
    void theEndpointIsTheMethodAndTheMappedPatternNotThePathWithItsSecrets() {
        var request = new MockHttpServletRequest("POST", "/hook/t@x.com/s3cret-pin");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/hook/{user}/{pin}");

        assertThat(RequestOrigin.endpoint(request)).isEqualTo("POST /hook/{user}/{pin}");
    }

    @Test
    void beforeAMappingWasChosenThePatternIsUnknown() {
        assertThat(RequestOrigin.endpoint(new MockHttpServletRequest("PUT", "/asset"))).isEqualTo("PUT ?");
    }
}
