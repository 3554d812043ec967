package io.chariot.consistency.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.consistency.RebuildsInPlace;
import io.chariot.consistency.applied.AppliedEvents;
import io.chariot.consistency.applied.NotVisibleException;
import io.chariot.consistency.written.WriteCollectors;
import io.chariot.consistency.written.WrittenEvent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Read-your-writes at the API: a request that wrote something answers only once every read model that serves what
 * it wrote has applied it, so any read through the API after a 2xx sees the write — as with the legacy backend,
 * which wrote its tables synchronously.
 * <p>
 * The request's commands report the events they stored ({@link WriteCollectors}); the response is held back (buffered)
 * until the read models behind those events' types ({@link VisibilityRequirements}) report them applied
 * ({@link AppliedEvents}). If that takes longer than the visibility time-out — or at once if a read model parked the
 * event or its store is failing — the answer is 503 {@code stored-not-yet-visible} with {@code Retry-After}: the
 * write is stored and will show once the read model catches up, but a 2xx would promise more than is true.
 * <p>
 * A writer that does not read back (a bulk import, a worker) sends {@code Prefer: respond-async}: it gets 202 as soon
 * as the events are stored.
 * <p>
 * A read model being rebuilt in place ({@link RebuildsInPlace}) is not waited for — its reads are incomplete until
 * the rebuild ends anyway; the answer names it in {@value #NOT_AWAITED}.
 */
public class ReadYourWritesFilter extends OncePerRequestFilter {

    /** The problem type of a write that is stored but not yet visible. */
    public static final URI NOT_YET_VISIBLE = URI.create("urn:chariot:problem:stored-not-yet-visible");
    /** The response header naming the read models a write did not wait for (being rebuilt in place). */
    public static final String NOT_AWAITED = "Chariot-Not-Awaited";

    private static final Logger log = LoggerFactory.getLogger(ReadYourWritesFilter.class);

    private final WriteCollectors collectors;
    private final AppliedEvents applied;
    private final VisibilityRequirements requirements;
    private final RebuildsInPlace rebuilds;
    private final Duration timeout;
    private final Duration retryAfter;
    private final ObjectMapper json;

    public ReadYourWritesFilter(WriteCollectors collectors, AppliedEvents applied, VisibilityRequirements requirements,
                                RebuildsInPlace rebuilds, Duration timeout, Duration retryAfter, ObjectMapper json) {
        this.collectors = collectors;
        this.applied = applied;
        this.requirements = requirements;
        this.rebuilds = rebuilds;
        this.timeout = timeout;
        this.retryAfter = retryAfter;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<WrittenEvent> written = Collections.synchronizedList(new ArrayList<>());
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try (var ignored = collectors.open(written::addAll)) {
            chain.doFilter(request, buffered);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} {} wrote {}", request.getMethod(), request.getRequestURI(), written);
        }
        if (!written.isEmpty() && is2xx(buffered.getStatus())) {
            if (prefersAsync(request)) {
                buffered.setStatus(HttpStatus.ACCEPTED.value());
                buffered.setHeader("Preference-Applied", "respond-async");
            } else {
                String notVisible = awaitVisible(List.copyOf(written), buffered);
                if (notVisible != null) {
                    notYetVisible(request, buffered, notVisible, written.size());
                }
            }
        }
        buffered.copyBodyToResponse();
    }

    /** Waits for every read model behind every written event; null when all show them, else why not. */
    private String awaitVisible(List<WrittenEvent> written, HttpServletResponse response) throws IOException {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        List<String> models = new ArrayList<>();
        Set<String> notAwaited = new LinkedHashSet<>();
        for (WrittenEvent event : written) {
            for (String model : requirements.readModelsFor(event.payloadType())) {
                if (rebuilds.inProgress(model)) {
                    notAwaited.add(model); // rebuilt in place: it shows the write once the rebuild reaches it
                } else {
                    models.add(model);
                    waits.add(applied.visible(model, event.aggregateId(), event.sequenceNumber()));
                }
            }
        }
        if (!notAwaited.isEmpty()) {
            response.setHeader(NOT_AWAITED, String.join(", ", notAwaited));
        }
        if (log.isDebugEnabled()) {
            log.debug("waiting for {} to show {}", models, written);
        }
        if (waits.isEmpty()) {
            return null;
        }
        // Done when all are visible, or as soon as one cannot be (parked, store failing).
        CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
        waits.forEach(w -> w.whenComplete((ok, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
            }
        }));
        try {
            all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "not yet applied by " + String.join(", ", pending(waits, models)) + " after "
                    + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            return e.getCause() instanceof NotVisibleException notVisible ? notVisible.getMessage()
                    : String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the read models", e);
        } finally {
            waits.forEach(w -> w.cancel(false));
        }
    }

    /** The read models still behind (for the problem's detail); {@code models} names each wait. */
    private static List<String> pending(List<CompletableFuture<Void>> waits, List<String> models) {
        Set<String> behind = new LinkedHashSet<>();
        for (int i = 0; i < waits.size(); i++) {
            if (!waits.get(i).isDone()) {
                behind.add(models.get(i));
            }
        }
        return List.copyOf(behind.isEmpty() ? new LinkedHashSet<>(models) : behind);
    }

    private void notYetVisible(HttpServletRequest request, ContentCachingResponseWrapper response, String why,
                               int events) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the write is stored (" + events + (events == 1 ? " event" : " events") + ") but not yet visible: "
                        + why + "; it shows once the read model catches up — read again after Retry-After");
        problem.setType(NOT_YET_VISIBLE);
        problem.setTitle("Stored, not yet visible");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("stored", true);
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private static boolean is2xx(int status) {
        return status >= 200 && status < 300;
    }

    private static boolean prefersAsync(HttpServletRequest request) {
        var prefer = request.getHeaders("Prefer");
        while (prefer != null && prefer.hasMoreElements()) {
            for (String token : prefer.nextElement().split(",")) {
                if (token.trim().equalsIgnoreCase("respond-async")) {
                    return true;
                }
            }
        }
        return false;
    }
}
