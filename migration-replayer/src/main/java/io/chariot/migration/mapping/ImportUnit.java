package io.chariot.migration.mapping;

import java.util.List;

/**
 * The events of one aggregate, in order, from one legacy record and the records that live inside its aggregate
 * (an asset's attributes and ports): appended together, in one transaction, or not at all.
 *
 * @param aggregateType the platform's aggregate class name ({@code Asset}, {@code Risk}, {@code Job}, …), as Axon
 *                      stores it
 * @param records       how many legacy records the unit imports
 */
public record ImportUnit(String aggregateType, String aggregateId, String tenant, String legacyType,
                         List<EventDraft> events, List<Expected> expected, int records) {
}
