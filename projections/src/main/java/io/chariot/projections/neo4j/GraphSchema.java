package io.chariot.projections.neo4j;

import org.neo4j.driver.Driver;

import java.util.List;

/**
 * The graph's shape: every node carries {@code username} (tenant), {@code key} and {@code uid = username + key},
 * unique per label so MERGE is safe under concurrency and never crosses tenants.
 */
public final class GraphSchema {

    public static final List<String> LABELS = List.of("Asset", "Attribute", "Port");

    private GraphSchema() {
    }

    public static void ensure(Driver driver) {
        try (var session = driver.session()) {
            for (String label : LABELS) {
                session.run("CREATE CONSTRAINT " + label.toLowerCase() + "_uid IF NOT EXISTS FOR (n:" + label
                        + ") REQUIRE n.uid IS UNIQUE").consume();
                session.run("CREATE INDEX " + label.toLowerCase() + "_tenant IF NOT EXISTS FOR (n:" + label
                        + ") ON (n.username, n.key)").consume();
            }
        }
    }

    public static String uid(String tenant, String key) {
        return tenant + key;
    }
}
