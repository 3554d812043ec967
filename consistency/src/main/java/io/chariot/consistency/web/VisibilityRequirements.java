package io.chariot.consistency.web;

import java.util.Set;

/** Which read models must show an event of a given type before a write that stored it may answer. */
@FunctionalInterface
public interface VisibilityRequirements {

    Set<String> readModelsFor(String payloadType);
}
