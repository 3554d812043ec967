package io.chariot.load.gatling;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The praetorian-cli's API-key flow: {@code GET /token} with the key id and secret headers → {@code {"token": …}}. */
final class ChariotToken {

    private ChariotToken() {
    }

    static String fetch(HttpClient http, Settings s) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.api() + "/token"))
                        .timeout(Duration.ofSeconds(10))
                        .header("X-GUARD-API-KEY-ID", s.apiKeyId())
                        .header("X-GUARD-API-KEY-SECRET", s.apiKeySecret()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /token answered " + r.statusCode()); // the body might echo the key: not shown
        }
        String token = new ObjectMapper().readTree(r.body()).path("token").asText("");
        if (token.isEmpty()) {
            throw new IOException("GET /token answered without a token");
        }
        return token;
    }
}
