package io.chariot.migration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountEvents.AccountLinked;
import io.chariot.api.account.AccountEvents.ApiKeyIssued;
import io.chariot.api.account.AccountEvents.ApiKeyRevoked;
import io.chariot.api.account.AccountEvents.IntegrationLinked;
import io.chariot.api.account.AccountEvents.SettingStored;
import io.chariot.api.input.CommandInputs;
import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobEvents.JobQueued;
import io.chariot.api.job.JobEvents.JobStarted;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobResults;
import io.chariot.migration.source.LegacyRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The DynamoDB table's models: jobs, account links and integrations, API keys, settings and configurations, each its
 * own aggregate with the events that would have produced it.
 */
final class TableMapping {

    /** What an imported API key holds instead of a secret hash: no SHA-256 hex digest ever equals it. */
    static final String NO_SECRET = "imported-without-secret";
    /** A running job's deadline on the platform when its capability's own is unknown. */
    static final Duration RUN_TIMEOUT = Duration.ofHours(1);
    private static final Set<String> SECRET_NAMES = Set.of("secret", "token", "password", "passwd", "pwd", "apikey",
            "privatekey", "clientsecret", "accesstoken", "refreshtoken", "accesskey", "secretkey", "secretaccesskey",
            "credentials", "credential", "pin", "passphrase", "sessiontoken", "auth", "authorization");

    private TableMapping() {
    }

    static ImportUnit map(String type, LegacyRecord r, Planner.Context context) {
        String tenant = AssetUnit.tenantOf(r, context);
        return switch (type) {
            case "job" -> job(tenant, r, context);
            case "account" -> account(tenant, r, context);
            case "key" -> key(tenant, r);
            default -> setting(type, tenant, r);
        };
    }

    private static ImportUnit job(String tenant, LegacyRecord r, Planner.Context context) {
        String[] status = codeAndTime(r.text("status"), "status");
        String code = status[0];
        if (!Set.of("JQ", "JR", "JRA", "JQA", "JP", "JF").contains(code)) {
            throw new Rejected("status '" + r.text("status") + "' is not a job status");
        }
        String targetKey = r.fields().path("target").path("model").path("key").asText(null);
        String capability = r.fields().path("capabilities").path(0).asText(null);
        if (capability == null && r.text("source") != null) {
            capability = r.text("source").split("#", 2)[0];
        }
        if (targetKey == null) {
            throw new Rejected("no target (target.model.key)");
        }
        JobKeys.Target target = JobKeys.parseTarget(targetKey);
        String key = JobKeys.jobKey(target, capability);
        if (!key.equals(r.key())) {
            if (!key.equals(normalisedJobKey(r.key()))) {
                throw new Rejected("key names another job than its target and capability (" + key + ")");
            }
            context.normalise("job key normalised (its target's key lower-cased or punycode)");
        }
        Instant created = History.instant(r.text("created"), "created");
        Instant at = status[1] == null ? History.instant(r.text("updated"), "updated")
                : History.instant(status[1], "status time");
        Map<String, String> config = new TreeMap<>();
        r.fields().path("config").fields().forEachRemaining(e -> config.put(e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        String by = r.text("username");
        String id = JobCommands.aggregateId(tenant, key);
        List<EventDraft> events = new ArrayList<>();
        boolean queuedAtCreation = !code.equals("JQ");
        events.add(draft(id, key, "queued", new JobQueued(tenant, key, target.dns(), target.identifier(), capability,
                target.key(), config, List.of(), 0, RUN_TIMEOUT.toSeconds(), null, null, created, by,
                queuedAtCreation ? created : at)));
        switch (code) {
            case "JR", "JRA", "JQA" -> events.add(draft(id, key, "started:" + at, new JobStarted(tenant, key, "legacy",
                    at.plus(RUN_TIMEOUT), by, at)));
            case "JP", "JF" -> events.add(draft(id, key, "finished:" + code + ":" + at, new JobFinished(tenant, key,
                    code, code.equals("JF") ? "failed on the legacy platform" : null, JobResults.EMPTY, key, by, at)));
            default -> {
            }
        }
        if (!code.equals("JR") && !code.equals("JQ") && !code.equals("JP") && !code.equals("JF")) {
            context.normalise("async job status " + code + " imported as running (JR)");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("status", TextNode.valueOf((code.equals("JRA") || code.equals("JQA") ? "JR" : code) + "#" + at));
        fields.put("dns", TextNode.valueOf(target.dns()));
        fields.put("config", io.chariot.migration.source.Json.MAPPER.valueToTree(config));
        return new ImportUnit("Job", id, tenant, "job", events,
                List.of(new Expected("job", tenant, key, r.origin(), fields)), 1);
    }

    private static ImportUnit account(String tenant, LegacyRecord r, Planner.Context context) {
        String member = AccountCommands.normalise(r.text("member"));
        String value = r.text("value");
        String name = r.text("name") == null ? tenant : AccountCommands.normalise(r.text("name"));
        if (member == null || member.isBlank() || value == null || value.isBlank()) {
            throw new Rejected("no member or value");
        }
        if (!name.equals(tenant)) {
            throw new Rejected("account name " + name + " is not its tenant " + tenant);
        }
        Instant at = History.instant(r.text("updated"), "updated");
        String role = r.text("role") == null || r.text("role").isBlank() ? "readonly"
                : r.text("role").trim().toLowerCase(Locale.ROOT);
        if (!Set.of("admin", "analyst", "readonly").contains(role)) {
            throw new Rejected("role '" + r.text("role") + "' is not admin, analyst or readonly");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("member", TextNode.valueOf(member));
        if (member.contains("@")) {
            String key = AccountCommands.accountKey(tenant, member, value.trim());
            if (!key.equals(r.key())) {
                context.normalise("account key normalised (member lower-cased)");
            }
            if (r.text("role") == null || r.text("role").isBlank()) {
                context.normalise("account link without a role imported as readonly");
            }
            fields.put("value", TextNode.valueOf(value.trim()));
            fields.put("role", TextNode.valueOf(role));
            String id = AccountCommands.aggregateId(tenant, key);
            return new ImportUnit("AccountLink", id, tenant, "account",
                    List.of(draft(id, key, "linked:" + role, new AccountLinked(key, tenant, member, value.trim(), role,
                            tenant, at))), List.of(new Expected("account", tenant, key, r.origin(), fields)), 1);
        }
        if (!AccountCommands.isIntegration(member)) {
            throw new Rejected("account record of member '" + member + "' (a settings record) has no aggregate on "
                    + "the platform");
        }
        JsonNode config = r.fields().path("config");
        if (!config.isMissingNode() && !config.isNull() && !config.isObject()) {
            throw new Rejected("config is not an object");
        }
        List<String> secrets = new ArrayList<>();
        config.fieldNames().forEachRemaining(n -> {
            if (isSecretName(n)) {
                secrets.add(n);
            }
        });
        if (!secrets.isEmpty() || r.fields().hasNonNull("secret")) {
            throw new Rejected("integration holds secrets " + (secrets.isEmpty() ? "[secret]" : secrets) + ": the "
                    + "replayer cannot seal them with the platform's key; link it again after the switch");
        }
        boolean hook = member.equals(AccountCommands.HOOK);
        String storedValue = hook ? AccountCommands.HOOK_VALUE : value.trim();
        String key = AccountCommands.accountKey(tenant, member, storedValue);
        if (hook) {
            context.normalise("webhook pin moved out of its key into a hash (value ********)");
        }
        String id = AccountCommands.aggregateId(tenant, key);
        String configText = config.isObject() ? config.toString() : "{}";
        fields.put("value", TextNode.valueOf(storedValue));
        return new ImportUnit("Integration", id, tenant, "account",
                List.of(draft(id, key, "linked:" + role + ":" + digest(configText), new IntegrationLinked(key, tenant, member, storedValue, role,
                        configText, null, hook ? sha256(value.trim()) : null, tenant, at))),
                List.of(new Expected("integration", tenant, key, r.origin(), fields)), 1);
    }

    private static ImportUnit key(String tenant, LegacyRecord r) {
        String keyId = r.text("id");
        if (keyId == null || keyId.isBlank() || keyId.contains("#")) {
            throw new Rejected("no key id");
        }
        if (!r.key().equals("#key#" + keyId)) {
            throw new Rejected("key " + r.key() + " does not name id " + keyId);
        }
        Instant created = History.instant(r.text("created"), "created");
        Instant expires = r.text("expires") == null ? null : History.instant(r.text("expires"), "expires");
        String creator = r.text("creator") == null ? tenant : r.text("creator");
        String role = r.text("role") == null ? "admin" : r.text("role").trim().toLowerCase(Locale.ROOT);
        String status = r.text("status") == null ? "A" : r.text("status");
        if (!status.equals("A") && !status.equals("D")) {
            throw new Rejected("status '" + status + "' is not A or D");
        }
        List<EventDraft> events = new ArrayList<>();
        events.add(draft(keyId, r.key(), "issued", new ApiKeyIssued(keyId, tenant, r.text("name"), NO_SECRET, role,
                expires, creator, created)));
        if (status.equals("D")) {
            Instant deleted = r.text("deleted") == null ? created : History.instant(r.text("deleted"), "deleted");
            String deleter = r.text("deleter") == null ? creator : r.text("deleter");
            events.add(draft(keyId, r.key(), "revoked", new ApiKeyRevoked(keyId, tenant, deleter, deleted)));
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("name", TextNode.valueOf(r.text("name") == null ? "" : r.text("name")));
        fields.put("status", TextNode.valueOf(status));
        fields.put("role", TextNode.valueOf(role));
        return new ImportUnit("ApiKey", keyId, tenant, "key", events,
                List.of(new Expected("key", tenant, r.key(), r.origin(), fields)), 1);
    }

    private static ImportUnit setting(String type, String tenant, LegacyRecord r) {
        String prefix = type.equals("setting") ? AccountCommands.SETTING_PREFIX : AccountCommands.CONFIGURATION_PREFIX;
        String name = r.text("name") != null ? r.text("name") : r.key().substring(prefix.length());
        String key = AccountCommands.settingKey(prefix, name);
        if (!key.equals(r.key())) {
            throw new Rejected("key " + r.key() + " does not name " + name);
        }
        JsonNode value = r.fields().get("value");
        String json = value == null ? "null" : value.toString();
        String time = r.text("last_modified") != null ? r.text("last_modified") : r.text("updated");
        Instant at = History.instant(time, "last_modified");
        String id = AccountCommands.aggregateId(tenant, key);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("name", TextNode.valueOf(name));
        fields.put("value", value == null ? io.chariot.migration.source.Json.MAPPER.nullNode() : value);
        return new ImportUnit("Setting", id, tenant, type, List.of(draft(id, key, "stored:" + digest(json), new SettingStored(key,
                tenant, name, json, tenant, at))), List.of(new Expected(type, tenant, key, r.origin(), fields)), 1);
    }

    /** A legacy job key {@code #job#{dns}#{identifier}#{capability}} by the platform's rules, or null. */
    private static String normalisedJobKey(String legacyKey) {
        int last = legacyKey.lastIndexOf('#');
        if (!legacyKey.startsWith(JobKeys.JOB_PREFIX) || last <= JobKeys.JOB_PREFIX.length()) {
            return null;
        }
        try {
            JobKeys.Target t = JobKeys.parseTarget("#asset#" + legacyKey.substring(JobKeys.JOB_PREFIX.length(), last));
            return JobKeys.jobKey(t, legacyKey.substring(last + 1));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A short digest of a value, so a changed value (seen by follow) makes a new event identifier. */
    private static String digest(String text) {
        return sha256(text).substring(0, 16);
    }

    private static String[] codeAndTime(String status, String field) {
        if (status == null || status.isBlank()) {
            throw new Rejected("no " + field);
        }
        int hash = status.indexOf('#');
        return hash < 0 ? new String[]{status, null} : new String[]{status.substring(0, hash),
                status.substring(hash + 1)};
    }

    private static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return SECRET_NAMES.contains(n) || n.endsWith("secret") || n.endsWith("token") || n.endsWith("password")
               || n.endsWith("apikey") || n.endsWith("privatekey");
    }

    /** The webhook pin's hash, as the platform keeps it (SHA-256, hex). */
    private static String sha256(String pin) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(pin.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EventDraft draft(String aggregateId, String legacyKey, String what, Object payload) {
        try {
            CommandInputs.check(payload);
        } catch (RuntimeException e) {
            throw new Rejected("breaks the platform's store limits: " + e.getMessage());
        }
        return new EventDraft(DraftIds.of(aggregateId, what), payload, legacyKey);
    }
}
