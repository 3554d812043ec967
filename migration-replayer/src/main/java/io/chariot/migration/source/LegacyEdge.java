package io.chariot.migration.source;

/**
 * One relationship of the Neo4j export: {@code label} from node {@code startId} to node {@code endId} (the export's
 * node ids), with the edge's own {@code created} and {@code capability}.
 */
public record LegacyEdge(String origin, String label, String startId, String endId, String created,
                         String capability) {
}
