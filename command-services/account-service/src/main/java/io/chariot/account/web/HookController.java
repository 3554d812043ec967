package io.chariot.account.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.account.webhook.ReceivingWebhook;
import io.chariot.account.webhook.ReceivingWebhook.Delivery;
import io.chariot.account.webhook.ReceivingWebhook.Received;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.websupport.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Webhook ingest {@code PUT} (or {@code POST}) {@code /hook/{base64(tenant) without padding}/{pin}} (no bearer
 * token: the pin is the credential; the tenant may be base64url or standard base64). The pin is checked first, by the tenant's hook record
 * (hash compared in constant time): an undecodable tenant, an unknown tenant, no hook or a wrong pin are all 404 and
 * write nothing. Then the body {@code {dns, name, source?, finding?}} is validated (400 when bad, nothing written):
 * it upserts the asset {@code #asset#{dns}#{name}} with source {@code provided} (what {@code PUT /asset} uses for
 * data a tenant pushes), and when {@code finding} is a non-blank string, opens a risk of that name (status TI) on the
 * asset. Both carry the attribute {@code source=webhook} (praetorian-cli reads it back with
 * {@code assets.attributes}/{@code risks.attributes}). The payload's own {@code source} (the sending tool) is only
 * checked to be a string. Answer:
 * {@code {"assets":[…]}} (+ {@code "risks":[…]} with a finding). The delivery itself is {@link ReceivingWebhook}'s.
 */
@RestController
public class HookController {

    private final ReceivingWebhook webhook;
    private final ObjectMapper json;

    public HookController(ReceivingWebhook webhook, ObjectMapper json) {
        this.webhook = webhook;
        this.json = json;
    }

    /** The answer: the asset written, and the risk when the delivery had a finding (else left out). */
    public record Answer(List<HookAssetView> assets, List<RiskView> risks) {
    }

    @JsonPropertyOrder({"username", "key", "dns", "name", "status", "source", "class", "attackSurface", "created",
            "visited", "ttl"})
    public record HookAssetView(String username, String key, String dns, String name, String status, String source,
                     @JsonProperty("class") String assetClass,
                     List<String> attackSurface, String created, String visited, long ttl) {

        static HookAssetView of(String tenant, AssetState s) {
            return new HookAssetView(tenant, s.key(), s.dns(), s.name(), s.status(), s.source(), s.assetClass(),
                    s.attackSurface() == null ? List.of() : s.attackSurface(),
                    s.created() == null ? null : s.created().toString(),
                    s.visited() == null ? null : s.visited().toString(), s.ttl());
        }
    }

    @JsonPropertyOrder({"username", "key", "dns", "name", "status"})
    public record RiskView(String username, String key, String dns, String name, String status) {

        static RiskView of(String tenant, RiskState r) {
            return new RiskView(tenant, r.key(), r.dns(), r.name(), r.status());
        }
    }

    @Operation(summary = "Webhook ingest of {dns, name, source?, finding?} for the tenant named in the URL; the pin "
                         + "is the credential. PUT (what praetorian-cli's tests send) and POST are the same.")
    @RequestMapping(path = "/hook/{user}/{pin}", method = {RequestMethod.PUT, RequestMethod.POST})
    public Answer ingest(@PathVariable String user, @PathVariable String pin,
                         @RequestBody(required = false) byte[] body) {
        String tenant = webhook.tenantOf(user, pin);
        JsonNode payload = parse(body);
        String dns = text(payload, "dns", true);
        String name = text(payload, "name", true);
        text(payload, "source", false);
        String finding = text(payload, "finding", false);
        Received received = webhook.receive(tenant, new Delivery(dns, name, finding));
        return new Answer(List.of(HookAssetView.of(tenant, received.asset())),
                received.risk() == null ? null : List.of(RiskView.of(tenant, received.risk())));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("a JSON body {dns, name, source?, finding?} is required");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception e) {
            throw new BadRequestException("the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("the body must be a JSON object {dns, name, source?, finding?}");
        }
        return node;
    }

    private static String text(JsonNode payload, String field, boolean required) {
        JsonNode v = payload.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadRequestException(field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.textValue().isBlank())) {
            throw new BadRequestException(field + " must be a non-blank string");
        }
        return v.textValue();
    }
}
