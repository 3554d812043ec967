package io.chariot.consistency.web;

import io.chariot.consistency.ReadModelCatalog;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link VisibilityRequirements} read off the running processors: an event type must be visible in every read model
 * whose processor has a handler for it. New read models and new handlers are covered without a list to keep.
 */
public final class HandlingReadModels implements VisibilityRequirements {

    private final EventProcessingConfiguration processing;
    private final ReadModelCatalog catalog;
    private final Map<String, Set<String>> byType = new ConcurrentHashMap<>();

    public HandlingReadModels(EventProcessingConfiguration processing, ReadModelCatalog catalog) {
        this.processing = processing;
        this.catalog = catalog;
    }

    @Override
    public Set<String> readModelsFor(String payloadType) {
        return byType.computeIfAbsent(payloadType, this::handlersOf);
    }

    private Set<String> handlersOf(String payloadType) {
        Class<?> type;
        try {
            type = Class.forName(payloadType, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException unknown) {
            return Set.of();
        }
        Set<String> models = new TreeSet<>();
        for (String group : catalog.processingGroups()) {
            processing.eventProcessorByProcessingGroup(group)
                    .filter(AbstractEventProcessor.class::isInstance)
                    .map(AbstractEventProcessor.class::cast)
                    .filter(p -> p.eventHandlerInvoker().canHandleType(type))
                    .ifPresent(p -> models.add(group));
        }
        return Set.copyOf(models);
    }
}
