package io.chariot.api.risk;

import io.chariot.api.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Events of the risk context: past-tense facts, each carrying the tenant, who caused it ({@code by}) and when
 * ({@code at}). Never remove or retype a field: add a revision and an upcaster (see {@code SchemaCompatibilityTest}).
 */
public final class RiskEvents {

    private RiskEvents() {
    }

    /** A new risk found on {@code target}. {@code ttl} is a Unix epoch in seconds (now + 30 d while in triage). */
    @Revision("1")
    public record RiskOpened(String tenant, String key, String dns, String name, String title, String status,
                             int priority, String source, String target, @PersonalData String comment,
                             List<String> tags,
                             long ttl, @PersonalData String by, Instant at) {
    }

    /** A known risk was found on another target: one more HAS_VULNERABILITY edge. */
    @Revision("1")
    public record RiskTargetAdded(String tenant, String key, String target, @PersonalData String by, Instant at) {
    }

    /** A known risk was detected again: {@code visited} and TTL refresh (TTL stays 0 outside triage). */
    @Revision("1")
    public record RiskVisited(String tenant, String key, String target, long ttl, @PersonalData String by, Instant at) {
    }

    /**
     * Every status change — a user's update, a delete ({@code D…}) or a re-detection reopening a remediated risk
     * ({@code R…} → {@code O…}) — becomes a history record {from, to, by, comment, updated}. {@code ttl} is the
     * risk's TTL afterwards (0 once it left triage).
     */
    @Revision("1")
    public record RiskStatusChanged(String tenant, String key, String from, String to, int priority, long ttl,
                                    @PersonalData String comment, @PersonalData String by, Instant at) {
    }

    /** A comment without a status change: a note record {by, comment, updated}. */
    @Revision("1")
    public record RiskCommentAdded(String tenant, String key, @PersonalData String comment, @PersonalData String by,
                                   Instant at) {
    }

    /**
     * History record {@code index} (absolute, 0-based) lost its comment; {@code dropped} when it had no {@code to}
     * (a note) and so left the history altogether.
     */
    @Revision("1")
    public record RiskHistoryRecordRemoved(String tenant, String key, int index, boolean dropped,
                                           @PersonalData String by,
                                           Instant at) {
    }

    @Revision("1")
    public record RiskTitleChanged(String tenant, String key, String title, @PersonalData String by, Instant at) {
    }

    /** The risk's tags, replaced as a set. */
    @Revision("1")
    public record RiskTagsSet(String tenant, String key, List<String> tags, @PersonalData String by, Instant at) {
    }

    /**
     * The risk's tickets, replaced as a whole (an empty list clears them); at most one per (provider, id), in the
     * order given.
     */
    @Revision("1")
    public record RiskTicketsSet(String tenant, String key, List<Ticket> tickets, @PersonalData String by, Instant at) {
    }

    /**
     * An attribute of the risk ({@code #attribute#{name}#{value}#risk#{dns}#{name}}), e.g. {@code source=webhook}
     * for a risk a webhook reported; {@code key} is the risk key, {@code attributeKey} the attribute's own.
     */
    @Revision("1")
    public record RiskAttributeAdded(String tenant, String key, String attributeKey, String name, String value,
                                     String capability, long ttl, @PersonalData String by, Instant at) {
    }

    @Revision("1")
    public record RiskAttributeRemoved(String tenant, String key, String attributeKey, @PersonalData String by,
                                       Instant at) {
    }

    /** The risk was removed for good by a tenant purge (unlike a delete, which keeps it with its history). */
    @Revision("1")
    public record RiskPurged(String tenant, String key, @PersonalData String by, Instant at) {
    }
}
