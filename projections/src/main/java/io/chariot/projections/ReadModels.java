package io.chariot.projections;

import java.util.List;
import java.util.Optional;

/** Every read model of this deployment, by name. */
public record ReadModels(List<ReadModel> all) {

    public Optional<ReadModel> named(String name) {
        return all.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
