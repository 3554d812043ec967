package io.chariot.consistency.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.consistency.RebuildsInPlace;
import io.chariot.consistency.applied.LocalAppliedEvents;
import io.chariot.consistency.written.WriteCollectors;
import io.chariot.consistency.written.WrittenEvent;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReadYourWritesFilterTest {

    private static final WrittenEvent WRITE = new WrittenEvent("t#asset#a", 2, "AssetDiscovered");

    private final WriteCollectors collectors = new WriteCollectors();
    private final LocalAppliedEvents applied = new LocalAppliedEvents(100, Duration.ofMinutes(1));
    private final ReadYourWritesFilter filter = new ReadYourWritesFilter(collectors, applied,
            type -> type.equals("AssetDiscovered") ? Set.of("assets-dynamodb", "assets-neo4j") : Set.of(),
            RebuildsInPlace.NONE, Duration.ofMillis(300), Duration.ofSeconds(1), new ObjectMapper());

    /** A handler that sends one command storing {@link #WRITE} and answers 200 with a body. */
    private FilterChain writing() {
        return (request, response) -> {
            collectors.current().accept(List.of(WRITE));
            response.setContentType("application/json");
            response.getOutputStream().write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        };
    }

    private static MockHttpServletRequest put() {
        return new MockHttpServletRequest("PUT", "/asset");
    }

    @Test
    void aWriteAnswersOnceEveryReadModelBehindItHasAppliedIt() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
            try {
                filter.doFilter(put(), response, writing());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        applied.applied("assets-dynamodb", "t#asset#a", 2);
        applied.applied("assets-neo4j", "t#asset#a", 2);

        request.get(5, TimeUnit.SECONDS);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aWriteNotVisibleInTimeAnswers503StoredNotYetVisibleWithRetryAfter() throws Exception {
        applied.applied("assets-dynamodb", "t#asset#a", 2);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(put(), response, writing());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        var problem = new ObjectMapper().readTree(response.getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo(ReadYourWritesFilter.NOT_YET_VISIBLE.toString());
        assertThat(problem.path("detail").asText()).contains("stored").contains("assets-neo4j")
                .doesNotContain("assets-dynamodb");
    }

    @Test
    void aReadModelBeingRebuiltInPlaceIsNotWaitedForAndTheAnswerNamesIt() throws Exception {
        var duringRebuild = new ReadYourWritesFilter(collectors, applied,
                type -> Set.of("assets-dynamodb", "assets-neo4j"), "assets-dynamodb"::equals, Duration.ofHours(1),
                Duration.ofSeconds(1), new ObjectMapper());
        applied.applied("assets-neo4j", "t#asset#a", 2);
        MockHttpServletResponse response = new MockHttpServletResponse();

        duringRebuild.doFilter(put(), response, writing());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader(ReadYourWritesFilter.NOT_AWAITED)).isEqualTo("assets-dynamodb");
    }

    @Test
    void aParkedEventAnswersAtOnceInsteadOfWaitingOutTheBound() throws Exception {
        var patient = new ReadYourWritesFilter(collectors, applied, type -> Set.of("assets-dynamodb", "assets-neo4j"),
                RebuildsInPlace.NONE, Duration.ofHours(1), Duration.ofSeconds(1), new ObjectMapper());
        applied.parked("assets-neo4j", "t#asset#a", 2);
        MockHttpServletResponse response = new MockHttpServletResponse();

        patient.doFilter(put(), response, writing());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(response.getContentAsString()).path("detail").asText())
                .contains("assets-neo4j: the event is parked").doesNotContain("ms;");
    }

    @Test
    void aWriterPreferringAsyncGets202AtOnce() throws Exception {
        MockHttpServletRequest request = put();
        request.addHeader("Prefer", "respond-async, wait=5");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, writing());

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getHeader("Preference-Applied")).isEqualTo("respond-async");
        assertThat(response.getContentAsString()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aRequestThatWroteNothingOrWasRefusedIsPassedThrough() throws Exception {
        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(put(), refused, (request, response) -> {
            ((jakarta.servlet.http.HttpServletResponse) response).setStatus(400);
            response.getOutputStream().write("bad".getBytes(StandardCharsets.UTF_8));
        });
        MockHttpServletResponse read = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/my"), read,
                (request, response) -> response.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).isEqualTo("bad");
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getContentAsString()).isEqualTo("{}");
    }
}
