package io.chariot.faults;

import io.chariot.infra.local.StackEndpoints;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The source of truth, read directly: which assets have events in PostgreSQL's event store. */
final class EventStore {

    private EventStore() {
    }

    /** The identifiers of the group's assets that have events. */
    static Set<String> assets(StackEndpoints endpoints, String tenant, String group) throws SQLException {
        String prefix = tenant + "#asset#" + group + "#";
        Set<String> identifiers = new HashSet<>();
        try (Connection connection = connect(endpoints); PreparedStatement statement = connection.prepareStatement(
                "select distinct aggregateIdentifier from domainEventEntry where aggregateIdentifier like ?")) {
            statement.setString(1, prefix.replace("_", "\\_").replace("%", "\\%") + "%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    identifiers.add(rs.getString(1).substring(prefix.length()));
                }
            }
        }
        return identifiers;
    }

    /** How many events each of the group's assets has, by identifier. */
    static Map<String, Integer> eventsPerAsset(StackEndpoints endpoints, String tenant, String group)
            throws SQLException {
        String prefix = tenant + "#asset#" + group + "#";
        Map<String, Integer> events = new HashMap<>();
        try (Connection connection = connect(endpoints); PreparedStatement statement = connection.prepareStatement(
                "select aggregateIdentifier, count(*) from domainEventEntry where aggregateIdentifier like ?"
                        + " group by aggregateIdentifier")) {
            statement.setString(1, prefix.replace("_", "\\_").replace("%", "\\%") + "%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.put(rs.getString(1).substring(prefix.length()), rs.getInt(2));
                }
            }
        }
        return events;
    }

    /** How many assets of the tenant have events (every group). */
    static long assetCount(StackEndpoints endpoints, String tenant) throws SQLException {
        try (Connection connection = connect(endpoints); PreparedStatement statement = connection.prepareStatement(
                "select count(distinct aggregateIdentifier) from domainEventEntry where aggregateIdentifier like ?")) {
            statement.setString(1, tenant + "#asset#%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect(StackEndpoints endpoints) throws SQLException {
        return DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword());
    }
}
