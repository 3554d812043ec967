package io.chariot.sagas.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider over HTTP, at the base URL {@code chariot.sagas.onboarding.providers.<integration>} names:
 * <ul>
 *     <li>{@code POST {base}/verify} — 2xx: the credentials are good; 401 or 403: refused; anything else: failed;</li>
 *     <li>{@code POST {base}/seeds} — 2xx with {@code {"seeds":[{"dns":…,"name":…,"status":…}]}} ({@code name} and
 *     {@code status} optional).</li>
 * </ul>
 * Both bodies are {@code {"integration","value","config","credentials"}} — the credentials opened for the provider
 * only, never logged nor kept. Every call is bounded by {@code chariot.sagas.onboarding.timeout}.
 */
public final class HttpProvider implements Provider {

    private final HttpClient http;
    private final ObjectMapper json;
    private final OnboardingProperties properties;

    public HttpProvider(ObjectMapper json, OnboardingProperties properties) {
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void verify(Integration integration) {
        int status = post(integration, "verify").statusCode();
        if (status == 401 || status == 403) {
            throw new ProviderException("the provider refused the credentials (HTTP " + status + ")");
        }
        requireSuccess(status, "verify");
    }

    @Override
    public List<Seed> seeds(Integration integration) {
        HttpResponse<String> response = post(integration, "seeds");
        requireSuccess(response.statusCode(), "seeds");
        try {
            JsonNode seeds = json.readTree(response.body()).path("seeds");
            if (!seeds.isArray()) {
                throw new ProviderException("the provider's seeds answer has no seeds array");
            }
            List<Seed> out = new ArrayList<>();
            for (JsonNode seed : seeds) {
                String dns = text(seed, "dns");
                if (dns == null) {
                    throw new ProviderException("the provider named a seed without dns");
                }
                out.add(new Seed(dns, text(seed, "name"), text(seed, "status")));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new ProviderException("the provider's seeds answer is not JSON");
        }
    }

    private HttpResponse<String> post(Integration integration, String path) {
        URI base = properties.provider(integration.member());
        if (base == null) {
            throw new ProviderException("no provider for integration " + integration.member());
        }
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/" + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(integration), StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProviderException("the provider at " + base + " did not answer " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while asking the provider at " + base);
        }
    }

    private String body(Integration integration) {
        ObjectNode body = json.createObjectNode();
        body.put("integration", integration.member());
        body.put("value", integration.value());
        body.set("config", tree(integration.config()));
        body.set("credentials", credentials(tree(integration.credentials())));
        return body.toString();
    }

    /**
     * The secret members, sealed keyed by JSON Pointer ({@code /token}, {@code /aws/secret}), put back in the
     * config's shape ({@code {"token":…}}, {@code {"aws":{"secret":…}}}) for the provider.
     */
    private JsonNode credentials(JsonNode byPointer) {
        ObjectNode out = json.createObjectNode();
        byPointer.fields().forEachRemaining(member -> {
            String[] segments = member.getKey().replaceFirst("^/", "").split("/", -1);
            ObjectNode parent = out;
            for (int i = 0; i < segments.length - 1; i++) {
                String name = unescape(segments[i]);
                parent = parent.get(name) instanceof ObjectNode child ? child : parent.putObject(name);
            }
            parent.set(unescape(segments[segments.length - 1]), member.getValue());
        });
        return out;
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private JsonNode tree(String text) {
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            // never echo the text: it may be credentials
            throw new ProviderException("the integration's config or credentials are not JSON");
        }
    }

    private static void requireSuccess(int status, String path) {
        if (status < 200 || status > 299) {
            throw new ProviderException("the provider answered HTTP " + status + " to " + path);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
