package io.chariot.account.webhook;

import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.VerifyHookPin;
import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;
import io.chariot.api.risk.RiskCommands.AddRisk;
import io.chariot.api.risk.RiskCommands.AddRiskAttribute;
import io.chariot.api.risk.RiskCommands.RiskState;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A webhook delivery through Axon's own command gateway; the aggregates behind it are stood in by handlers that
 * answer as they would (the hook record knows one pin).
 */
class ReceivingWebhookTest {

    private static final String TENANT = "acme@example.com";
    private static final String PIN = "s3cret-pin";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final List<Object> sent = new CopyOnWriteArrayList<>();
    private ReceivingWebhook webhook;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(VerifyHookPin.class.getName(), handler(c -> {
            VerifyHookPin verify = (VerifyHookPin) c;
            if (!verify.tenant().equals(TENANT) || !SecretHash.of(PIN).equals(verify.pinHash())) {
                throw new AggregateNotFoundException(verify.linkId(), "no webhook");
            }
            return null;
        }));
        bus.subscribe(UpsertAsset.class.getName(), handler(c -> {
            UpsertAsset upsert = (UpsertAsset) c;
            return new AssetState(upsert.assetId().substring(TENANT.length()), upsert.dns(), upsert.name(), "ipv4",
                    false, "A", upsert.source(), null, List.of(), NOW, NOW, NOW, 0);
        }));
        bus.subscribe(AddAttribute.class.getName(), handler(c -> null));
        bus.subscribe(AddRisk.class.getName(), handler(c -> {
            AddRisk add = (AddRisk) c;
            return new RiskState(add.riskId().substring(TENANT.length()), add.dns(), add.name(), add.name(), "hook",
                    "TI", 0, NOW, NOW, NOW, 0, null, List.of(), List.of(), List.of(add.target()), List.of());
        }));
        bus.subscribe(AddRiskAttribute.class.getName(), handler(c -> null));
        webhook = new ReceivingWebhook(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private MessageHandler<CommandMessage<?>> handler(java.util.function.Function<Object, Object> answer) {
        return message -> {
            sent.add(message.getPayload());
            return answer.apply(message.getPayload());
        };
    }

    private static String base64(String tenant) {
        return Base64.getEncoder().encodeToString(tenant.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTenantIsNamedInBase64WithOrWithoutPaddingAndItsHookKnowsThePin() {
        assertThat(webhook.tenantOf(base64(TENANT), PIN)).isEqualTo(TENANT);
        assertThat(webhook.tenantOf(base64(TENANT).replace("=", ""), PIN)).isEqualTo(TENANT);
    }

    @Test
    void aWrongPinAnUnknownTenantAndAnUndecodableNameAreAllNoWebhook() {
        for (String[] attempt : new String[][] {{base64(TENANT), "wrong"}, {base64("eve@example.com"), PIN},
                {"%%%", PIN}, {base64(TENANT), ""}}) {
            assertThatThrownBy(() -> webhook.tenantOf(attempt[0], attempt[1]))
                    .isInstanceOfSatisfying(Rejected.class,
                            r -> assertThat(r.rejection()).isEqualTo(Rejection.notFound("no webhook")));
        }
    }

    @Test
    void aDeliveryWithAFindingWritesTheAssetAndTheRiskEachMarkedAsFromTheWebhook() {
        var received = webhook.receive(TENANT, new ReceivingWebhook.Delivery("example.com", "1.2.3.4", "CVE-2024-1"));

        assertThat(received.asset().key()).isEqualTo("#asset#example.com#1.2.3.4");
        assertThat(received.risk().key()).isEqualTo("#risk#example.com#CVE-2024-1");
        assertThat(sent).extracting(Object::getClass).containsExactly(UpsertAsset.class, AddAttribute.class,
                AddRisk.class, AddRiskAttribute.class);
        assertThat((AddAttribute) sent.get(1)).extracting(AddAttribute::assetKey, AddAttribute::name,
                AddAttribute::value).containsExactly("#asset#example.com#1.2.3.4", "source", "webhook");
        assertThat((AddRiskAttribute) sent.get(3)).extracting(AddRiskAttribute::key, AddRiskAttribute::name,
                AddRiskAttribute::value).containsExactly(received.risk().key(), "source", "webhook");
        assertThat(((UpsertAsset) sent.get(0)).source()).isEqualTo("provided");
    }

    @Test
    void aDeliveryWithoutAFindingWritesOnlyTheAsset() {
        var received = webhook.receive(TENANT, new ReceivingWebhook.Delivery("example.com", "1.2.3.4", " "));

        assertThat(received.risk()).isNull();
        assertThat(sent).extracting(Object::getClass).containsExactly(UpsertAsset.class, AddAttribute.class);
    }

    @Test
    void aFindingThatCannotBeARiskWritesNoAssetEither() {
        assertThatThrownBy(() -> webhook.receive(TENANT,
                new ReceivingWebhook.Delivery("example.com", "1.2.3.4", "x".repeat(100_000))))
                .satisfies(e -> assertThat(Rejections.is(e, Rejection.Code.INVALID)).isTrue());
        assertThat(sent).isEmpty();
    }
}
