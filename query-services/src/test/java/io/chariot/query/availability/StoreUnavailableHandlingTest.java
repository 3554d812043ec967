package io.chariot.query.availability;

import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.projections.availability.StoreUnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.redisson.client.RedisTimeoutException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StoreUnavailableHandlingTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final StoreUnavailableHandling handling = new StoreUnavailableHandling(
            new ReadTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(7)), json);

    @Test
    void eachStoreClientsUnreachableServerFailureIsRecognisedAnywhereInTheCauseChain() {
        assertThat(StoreUnavailableHandling.unavailableStore(ApiCallTimeoutException.create(5000)))
                .contains("dynamodb");
        assertThat(StoreUnavailableHandling.unavailableStore(new IllegalStateException("wrapped",
                new ServiceUnavailableException("connection refused")))).contains("neo4j");
        assertThat(StoreUnavailableHandling.unavailableStore(new RedisTimeoutException("no answer"))).contains("redis");
        assertThat(StoreUnavailableHandling.unavailableStore(new EventStoreException("append failed",
                new SQLException("terminating connection due to unexpected postmaster exit", "57P01"))))
                .contains("postgres");
        assertThat(StoreUnavailableHandling.unavailableStore(new IllegalStateException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).contains("postgres"); // HikariCP, after such a failure
        assertThat(StoreUnavailableHandling.unavailableStore(new StoreUnavailableException("neo4j", "timed out", null)))
                .contains("neo4j");
    }

    @Test
    void otherFailuresAreLeftToTheRestOfTheErrorHandling() {
        assertThat(StoreUnavailableHandling.unavailableStore(new EventStoreException("duplicate",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isEmpty();
        assertThat(StoreUnavailableHandling.unavailableStore(new IllegalArgumentException("bad key"))).isEmpty();

        var response = new MockHttpServletResponse();
        assertThat(handling.resolveException(new MockHttpServletRequest("GET", "/my"), response, null,
                new IllegalArgumentException("bad key"))).isNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void anUnreachableStoreIsA503ProblemWithRetryAfterThatNamesOnlyTheStore() throws Exception {
        var response = new MockHttpServletResponse();

        var view = handling.resolveException(new MockHttpServletRequest("POST", "/my"), response, null,
                new StoreUnavailableException("neo4j", "did not answer in time", null));

        assertThat(view).isNotNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("7");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo("urn:chariot:problem:store-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("store").asText()).isEqualTo("neo4j");
        assertThat(problem.path("detail").asText()).isEqualTo("a data store (neo4j) is not answering; retry after 7 s");
    }
}
