package io.chariot.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A command whose owner went away asks the client to retry; anything else is left to the other handlers. */
class OwnerUnavailableHandlingTest {

    private final OwnerUnavailableHandling handling = new OwnerUnavailableHandling(new ObjectMapper());

    @Test
    void aCommandWhoseOwnerWentAwayAnswers503WithRetryAfter() throws Exception {
        var response = new MockHttpServletResponse();
        var failure = new CommandExecutionException("command failed", new CommandBusConnectorCommunicationException(
                "Connection error while waiting for a response on command"));

        assertThat(handling.resolveException(new MockHttpServletRequest("PUT", "/asset"), response, null, failure))
                .isNotNull();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(new ObjectMapper().readTree(response.getContentAsString()).path("type").asText())
                .isEqualTo("urn:chariot:problem:command-owner-unavailable");
    }

    @Test
    void otherFailuresAreNotItsToAnswer() {
        var response = new MockHttpServletResponse();

        assertThat(handling.resolveException(new MockHttpServletRequest("PUT", "/asset"), response, null,
                new IllegalStateException("a bug"))).isNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
