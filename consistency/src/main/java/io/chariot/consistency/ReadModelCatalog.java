package io.chariot.consistency;

import java.util.Set;

/**
 * The processing groups that feed read models the API reads: the ones a write waits for. Saga and bookkeeping
 * groups are not in it.
 */
@FunctionalInterface
public interface ReadModelCatalog {

    Set<String> processingGroups();
}
