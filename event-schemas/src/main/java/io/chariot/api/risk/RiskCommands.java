package io.chariot.api.risk;

import io.chariot.api.asset.InvalidKeyException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands of the risk context. The aggregate identifier is tenant + risk key ({@code #risk#{dns}#{name}}), like
 * assets: a risk's state is global per (tenant, dns, name) and it links to any number of targets.
 */
public final class RiskCommands {

    private RiskCommands() {
    }

    /** One history record: a status change {from, to, by, comment, updated} or a note {by, comment, updated}. */
    public record HistoryRecord(String from, String to, String by, String comment, Instant updated) {
    }

    /**
     * What every risk command returns: the risk as it is once the command has been handled, so the HTTP layer can
     * answer without reading an eventually consistent read model.
     */
    public record RiskState(String key, String dns, String name, String title, String source, String status,
                            int priority, Instant created, Instant updated, Instant visited, long ttl,
                            String comment, List<HistoryRecord> history, List<String> tags, List<String> targets,
                            List<Ticket> tickets) {
    }

    public static String aggregateId(String tenant, String riskKey) {
        if (tenant == null || tenant.isBlank() || tenant.contains("#")) {
            throw new InvalidKeyException("tenant is required and must not contain '#': " + tenant);
        }
        return tenant + riskKey;
    }

    /**
     * Opens a risk on a target, or re-detects it (another target is added; a remediated risk reopens).
     *
     * @param dns    the risk's group; null means the target's group
     * @param status a triage status {@code T…}; null means {@code TI}
     * @param title   null means the name
     * @param tickets the risk's tickets (replacing any it has); null leaves them as they are
     */
    public record AddRisk(@TargetAggregateIdentifier String riskId, String tenant, String target, String dns,
                          String name, String status, String title, String comment, String source,
                          List<String> tags, List<Ticket> tickets, String by) {

        /** A scanner's or hook's add: no tickets. */
        public static AddRisk of(String tenant, String target, String dns, String name, String status, String title,
                                 String comment, String source, List<String> tags, String by) {
            return of(tenant, target, dns, name, status, title, comment, source, tags, null, by);
        }

        public static AddRisk of(String tenant, String target, String dns, String name, String status, String title,
                                 String comment, String source, List<String> tags, List<Ticket> tickets, String by) {
            String targetKey = RiskKeys.targetKey(target);
            RiskKeys.Identity id = RiskKeys.identity(dns == null || dns.isBlank()
                    ? RiskKeys.dnsOfTarget(targetKey) : dns, name);
            return new AddRisk(aggregateId(tenant, id.key()), tenant, targetKey, id.dns(), id.name(), status, title,
                               comment, source, tags, tickets, by);
        }
    }

    /**
     * A user's Merge of an existing risk. Every member but the key is optional.
     *
     * @param remove  a history index to blank (negative counts from the end); null for none
     * @param tickets the risk's tickets, replaced as a whole (empty clears them); null leaves them as they are
     */
    public record UpdateRisk(@TargetAggregateIdentifier String riskId, String tenant, String key, String status,
                             String comment, String title, List<String> tags, List<Ticket> tickets, Integer remove,
                             String by) {

        public static UpdateRisk of(String tenant, String key, String status, String comment, String title,
                                    List<String> tags, Integer remove, String by) {
            return of(tenant, key, status, comment, title, tags, null, remove, by);
        }

        public static UpdateRisk of(String tenant, String key, String status, String comment, String title,
                                    List<String> tags, List<Ticket> tickets, Integer remove, String by) {
            String normalised = RiskKeys.parseRiskKey(key).key();
            return new UpdateRisk(aggregateId(tenant, normalised), tenant, normalised, status, comment, title, tags,
                                  tickets, remove, by);
        }
    }

    /**
     * Soft delete: a status change to a {@code D…} status, history kept.
     *
     * @param status a {@code D…} status; null means {@code D{severity}O} ("other")
     */
    public record DeleteRisk(@TargetAggregateIdentifier String riskId, String tenant, String key, String status,
                             String comment, String by) {

        public static DeleteRisk of(String tenant, String key, String status, String comment, String by) {
            String normalised = RiskKeys.parseRiskKey(key).key();
            return new DeleteRisk(aggregateId(tenant, normalised), tenant, normalised, status, comment, by);
        }
    }

    /** Adds an attribute {name, value} to a risk; adding one it has changes nothing. */
    public record AddRiskAttribute(@TargetAggregateIdentifier String riskId, String tenant, String key, String name,
                                   String value, String capability, String by) {

        public static AddRiskAttribute of(String tenant, String riskKey, String name, String value, String capability,
                                          String by) {
            String normalised = RiskKeys.parseRiskKey(riskKey).key();
            return new AddRiskAttribute(aggregateId(tenant, normalised), tenant, normalised, name, value, capability,
                                        by);
        }
    }

    /** Removes an attribute of a risk by its attribute key. */
    public record RemoveRiskAttribute(@TargetAggregateIdentifier String riskId, String tenant, String key,
                                      String attributeKey, String by) {

        public static RemoveRiskAttribute of(String tenant, String attributeKey, String by) {
            String normalised = RiskKeys.parseRiskKey(RiskKeys.riskParentOf(attributeKey)).key();
            return new RemoveRiskAttribute(aggregateId(tenant, normalised), tenant, normalised, attributeKey, by);
        }
    }

    /** Removes a risk for good (a tenant purge). Idempotent: purging a purged risk changes nothing. */
    public record PurgeRisk(@TargetAggregateIdentifier String riskId, String tenant, String key, String by) {

        public static PurgeRisk of(String tenant, String key, String by) {
            return new PurgeRisk(aggregateId(tenant, key), tenant, key, by);
        }
    }
}
