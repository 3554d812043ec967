package io.chariot.projections;

import io.chariot.consistency.ReadModelCatalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Every read model of this deployment, by name; their processing groups are what a write waits for. */
public record ReadModels(List<ReadModel> all) implements ReadModelCatalog {

    public Optional<ReadModel> named(String name) {
        return all.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    @Override
    public Set<String> processingGroups() {
        return all.stream().map(ReadModel::processingGroup).collect(Collectors.toUnmodifiableSet());
    }
}
