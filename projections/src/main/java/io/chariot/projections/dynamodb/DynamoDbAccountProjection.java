package io.chariot.projections.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountEvents.AccountLinked;
import io.chariot.api.account.AccountEvents.AccountRoleChanged;
import io.chariot.api.account.AccountEvents.AccountUnlinked;
import io.chariot.api.account.AccountEvents.ApiKeyIssued;
import io.chariot.api.account.AccountEvents.ApiKeyRevoked;
import io.chariot.api.account.AccountEvents.IntegrationActivated;
import io.chariot.api.account.AccountEvents.IntegrationFailed;
import io.chariot.api.account.AccountEvents.IntegrationLinked;
import io.chariot.api.account.AccountEvents.IntegrationUnlinked;
import io.chariot.api.account.AccountEvents.IntegrationVerified;
import io.chariot.api.account.AccountEvents.SettingRemoved;
import io.chariot.api.account.AccountEvents.SettingStored;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.dynamodb.ChariotTable.PARTITION_KEY;
import static io.chariot.projections.dynamodb.ChariotTable.SORT_KEY;
import static io.chariot.projections.dynamodb.Items.item;
import static io.chariot.projections.dynamodb.Items.n;
import static io.chariot.projections.dynamodb.Items.s;
import static io.chariot.projections.dynamodb.Items.time;

/**
 * The account context as Chariot table items ({@code GET /my}): account links {@code #account#…}, API keys
 * {@code #key#…} (never the secret or its hash), settings {@code #setting#…} and configurations
 * {@code #configuration#…}. An account link is written in the tenant's partition and in the member's, so the CLI's
 * {@code list accounts} shows both a tenant's collaborators and the tenants a user may reach. Every write and
 * delete is conditional on the item's last applied aggregate sequence number, so redelivery changes nothing.
 */
@ProcessingGroup(DynamoDbAccountProjection.NAME)
public class DynamoDbAccountProjection extends TableReadModel {

    public static final String NAME = "accounts-dynamodb";
    static final List<String> PREFIXES = List.of("#account#", "#key#", "#setting#", "#configuration#");
    private final ObjectMapper json;

    public DynamoDbAccountProjection(TableSpace space, ObjectMapper json) {
        super(NAME, space, PREFIXES);
        this.json = json;
    }

    @Override
    protected TableReadModel newInstance() {
        return new DynamoDbAccountProjection(space(), json);
    }

    /**
     * A purge removes the tenant's API keys, settings, configurations and integrations; its collaborators' links
     * stay (nothing purges them), and so do other tenants' links held in this partition for a member.
     */
    @Override
    protected boolean purges(String tenant, String key) {
        if (key.startsWith("#key#") || key.startsWith(AccountCommands.SETTING_PREFIX)
            || key.startsWith(AccountCommands.CONFIGURATION_PREFIX)) {
            return true;
        }
        String own = AccountCommands.ACCOUNT_PREFIX + tenant + "#";
        if (!key.startsWith(own)) {
            return false;
        }
        String rest = key.substring(own.length());
        int split = rest.indexOf('#');
        return split > 0 && AccountCommands.isIntegration(rest.substring(0, split));
    }

    @EventHandler
    void on(AccountLinked e, @SequenceNumber long seq) {
        for (String partition : List.of(e.tenant(), e.member())) {
            put(item().put(PARTITION_KEY, partition).put(SORT_KEY, e.key())
                    .put("name", e.tenant()).put("member", e.member()).put("value", e.value())
                    .put("role", e.role()).put("updated", time(e.at())).put("ttl", n(0))
                    .build(), seq);
        }
    }

    @EventHandler
    void on(AccountRoleChanged e, @SequenceNumber long seq) {
        for (String partition : List.of(e.tenant(), e.member())) {
            update(partition, e.key(), seq, "SET #role = :role, updated = :at",
                    Map.of(":role", s(e.to()), ":at", time(e.at())), Map.of("#role", "role"));
        }
    }

    @EventHandler
    void on(AccountUnlinked e, @SequenceNumber long seq) {
        delete(e.tenant(), e.key(), seq);
        delete(e.member(), e.key(), seq);
    }

    /**
     * An integration is an account record in the tenant's partition only (its member is no user). Its config is the
     * already redacted one; a webhook's pin hash and other integrations' sealed secrets never reach the table. A
     * webhook's sealed pin does ({@link ChariotTable#SEALED_ATTRIBUTE}, ciphertext only): its tenant reads the pin
     * back through the query API.
     */
    @EventHandler
    void on(IntegrationLinked e, @SequenceNumber long seq) {
        var item = item().put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("name", e.tenant()).put("member", e.member()).put("value", e.value())
                .put("role", e.role()).put("config", value(e.config() == null ? "{}" : e.config()))
                .put("updated", time(e.at())).put("ttl", n(0));
        if (AccountCommands.HOOK.equals(e.member()) && e.sealed() != null) {
            item.put(ChariotTable.SEALED_ATTRIBUTE, e.sealed());
        }
        put(item.build(), seq);
    }

    @EventHandler
    void on(IntegrationUnlinked e, @SequenceNumber long seq) {
        delete(e.tenant(), e.key(), seq);
    }

    /**
     * Onboarding's progress shows on the integration's item as {@code status} (verified, active, failed) and, once
     * failed, {@code reason}; a linked integration not onboarded yet has neither (linking again replaces the item).
     */
    @EventHandler
    void on(IntegrationVerified e, @SequenceNumber long seq) {
        onboarding(e.tenant(), e.key(), "verified", null, e.at(), seq);
    }

    @EventHandler
    void on(IntegrationActivated e, @SequenceNumber long seq) {
        onboarding(e.tenant(), e.key(), "active", null, e.at(), seq);
    }

    @EventHandler
    void on(IntegrationFailed e, @SequenceNumber long seq) {
        onboarding(e.tenant(), e.key(), "failed", e.reason(), e.at(), seq);
    }

    private void onboarding(String tenant, String key, String status, String reason, Instant at, long seq) {
        if (reason == null) {
            update(tenant, key, seq, "REMOVE #reason SET #status = :s, updated = :at",
                    Map.of(":s", s(status), ":at", time(at)), Map.of("#status", "status", "#reason", "reason"));
        } else {
            update(tenant, key, seq, "SET #status = :s, #reason = :r, updated = :at",
                    Map.of(":s", s(status), ":r", s(reason), ":at", time(at)),
                    Map.of("#status", "status", "#reason", "reason"));
        }
    }

    @EventHandler
    void on(ApiKeyIssued e, @SequenceNumber long seq) {
        var item = item().put(PARTITION_KEY, e.tenant()).put(SORT_KEY, "#key#" + e.keyId())
                .put("id", e.keyId()).put("created", time(e.at()))
                .put("creator", e.by()).put("status", "A").put("role", e.role());
        // name keys the by-name index, which refuses an empty string: a key issued without a name stays out of it
        if (e.name() != null && !e.name().isEmpty()) {
            item.put("name", e.name());
        }
        if (e.expires() != null) {
            item.put("expires", time(e.expires()));
        }
        put(item.build(), seq);
    }

    @EventHandler
    void on(ApiKeyRevoked e, @SequenceNumber long seq) {
        update(e.tenant(), "#key#" + e.keyId(), seq, "SET #status = :d, deleted = :at, deleter = :by",
                Map.of(":d", s("D"), ":at", time(e.at()), ":by", s(e.by())), Map.of("#status", "status"));
    }

    @EventHandler
    void on(SettingStored e, @SequenceNumber long seq) {
        put(item().put(PARTITION_KEY, e.tenant()).put(SORT_KEY, e.key())
                .put("name", e.name()).put("value", value(e.value())).put("last_modified", time(e.at()))
                .build(), seq);
    }

    @EventHandler
    void on(SettingRemoved e, @SequenceNumber long seq) {
        delete(e.tenant(), e.key(), seq);
    }

    /** A JSON text as a DynamoDB value: objects become maps, arrays lists, so {@code GET /my} returns the JSON. */
    private AttributeValue value(String jsonText) {
        try {
            return attribute(json.readTree(jsonText));
        } catch (Exception e) {
            return s(jsonText);
        }
    }

    static AttributeValue attribute(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return AttributeValue.fromNul(true);
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.asText());
        }
        if (node.isTextual()) {
            return AttributeValue.fromS(node.textValue());
        }
        if (node.isArray()) {
            List<AttributeValue> list = new ArrayList<>();
            node.forEach(n -> list.add(attribute(n)));
            return AttributeValue.fromL(list);
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> map.put(f.getKey(), attribute(f.getValue())));
        return AttributeValue.fromM(map);
    }

    private void put(Map<String, AttributeValue> item, long seq) {
        writer().put(item, seq);
    }

    private void update(String partition, String key, long seq, String setExpression,
                        Map<String, AttributeValue> values, Map<String, String> names) {
        writer().update(partition, key, seq, setExpression, values, names);
    }

    private void delete(String partition, String key, long seq) {
        writer().delete(partition, key, seq);
    }
}
