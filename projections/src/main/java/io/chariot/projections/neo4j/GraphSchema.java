package io.chariot.projections.neo4j;

import org.neo4j.driver.Driver;

import java.util.List;
import java.util.Locale;

/**
 * The graph's shape: every node carries {@code username} (tenant), {@code key} and {@code uid = username + key},
 * unique per label so MERGE is safe under concurrency and never crosses tenants. A generation of the graph built
 * beside the live one (blue-green) suffixes every label, {@code Asset_g2}; generation 0 has none.
 */
public final class GraphSchema {

    /**
     * The labels the asset graph's nodes are MERGEd by, each with a uid constraint: assets and web applications
     * (Asset), AD domains (ADObject), attributes, ports.
     */
    public static final List<String> LABELS = List.of("Asset", "ADObject", "Attribute", "Port");
    /** Labels clients query asset kinds by, besides their MERGE label: indexed, not a node's identity. */
    public static final List<String> KIND_LABELS = List.of("WebApplication", "ADDomain");
    /** Every label the projections write: the ones a generation suffix applies to. */
    public static final List<String> ALL_LABELS = List.of("Asset", "ADObject", "WebApplication", "ADDomain",
            "Attribute", "RiskAttribute", "Port", "Webpage", "Risk", "PendingVulnerability", "Preseed", "Seed",
            "TTL");

    private GraphSchema() {
    }

    public static String labelSuffix(int generation) {
        return generation == 0 ? "" : "_g" + generation;
    }

    /** A uid constraint and a tenant index for each label, in the writer's generation. Idempotent. */
    public static void ensure(SequencedGraphWriter graph, List<String> labels) {
        try (var session = graph.driver().session()) {
            for (String base : labels) {
                String label = graph.label(base);
                String id = label.toLowerCase(Locale.ROOT);
                session.run("CREATE CONSTRAINT " + id + "_uid IF NOT EXISTS FOR (n:" + label
                        + ") REQUIRE n.uid IS UNIQUE").consume();
                session.run("CREATE INDEX " + id + "_tenant IF NOT EXISTS FOR (n:" + label
                        + ") ON (n.username, n.key)").consume();
            }
        }
    }

    public static String uid(String tenant, String key) {
        return tenant + key;
    }
}
