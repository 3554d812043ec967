package io.chariot.asset.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chariot.api.asset.WebpageCommands.WebpageState;

import java.time.Instant;
import java.util.List;

/** A webpage as tabularium serialises it, plus the keys of its sources ({@code artifacts}) and parents. */
@JsonPropertyOrder({"username", "key", "url", "status", "created", "visited", "updated", "ttl", "parents", "artifacts"})
public record WebpageView(String username, String key, String url, String status, String created, String visited,
                          String updated, long ttl, List<String> parents, List<String> artifacts) {

    /** The answer of add and delete: {@code {"webpages":[…]}}. */
    public record Webpages(List<WebpageView> webpages) {
    }

    static WebpageView of(String tenant, WebpageState s) {
        return new WebpageView(tenant, s.key(), s.url(), s.status(), time(s.created()), time(s.visited()),
                time(s.updated()), s.ttl(), s.parents(), s.artifacts());
    }

    static Webpages list(String tenant, WebpageState s) {
        return new Webpages(List.of(of(tenant, s)));
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
