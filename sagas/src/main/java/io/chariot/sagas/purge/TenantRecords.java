package io.chariot.sagas.purge;

import java.util.List;

/**
 * Where a tenant purge finds what to remove: the identifiers of a tenant's aggregates of one type, in identifier
 * order, a page at a time.
 */
public interface TenantRecords {

    /**
     * Up to {@code limit} identifiers of {@code tenant}'s aggregates of {@code aggregateType} (the aggregate class's
     * simple name, e.g. {@code Asset}) that sort after {@code after} (null: from the first).
     */
    List<String> aggregates(String tenant, String aggregateType, String after, int limit);
}
