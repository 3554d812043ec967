package io.chariot.sagas.axon;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A saga processing group and the saga types it runs. Each group is a bean, so every saga type — this module's and
 * any other's — parks its failures and shows in the operator's view without a list to keep.
 */
public record SagaGroup(String processingGroup, List<Class<?>> types) {

    public SagaGroup {
        types = List.copyOf(types);
    }

    static Map<String, List<Class<?>>> byName(List<SagaGroup> groups) {
        return groups.stream().collect(Collectors.toUnmodifiableMap(SagaGroup::processingGroup, SagaGroup::types));
    }
}
