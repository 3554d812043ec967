package io.chariot.consistency.applied;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AppliedEvents} inside one JVM. Per read model it remembers the last sequence number applied for recently
 * written aggregates — a waiter may arrive after its event was applied, a few milliseconds after the command
 * returned — and keeps the waiters of each aggregate until their event is applied, parked or the store fails.
 */
public final class LocalAppliedEvents implements AppliedEvents {

    private final Map<String, Model> models = new ConcurrentHashMap<>();
    private final long rememberedAggregates;
    private final Duration rememberFor;

    /**
     * @param rememberedAggregates per read model, how many recently applied aggregates are remembered
     * @param rememberFor          and for how long
     */
    public LocalAppliedEvents(long rememberedAggregates, Duration rememberFor) {
        this.rememberedAggregates = rememberedAggregates;
        this.rememberFor = rememberFor;
    }

    private final class Model {
        final String name;
        final Cache<String, Long> applied = Caffeine.newBuilder().maximumSize(rememberedAggregates)
                .expireAfterWrite(rememberFor).build();
        /** The first parked sequence number per aggregate: nothing from it on is visible. */
        final Map<String, Long> parked = new ConcurrentHashMap<>();
        final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
        volatile String failing;

        Model(String name) {
            this.name = name;
        }
    }

    private record Waiter(long sequenceNumber, CompletableFuture<Void> visible) {
    }

    private Model model(String name) {
        return models.computeIfAbsent(name, Model::new);
    }

    @Override
    public void applied(String readModel, String aggregateId, long sequenceNumber) {
        Model model = model(readModel);
        model.applied.asMap().merge(aggregateId, sequenceNumber, Math::max);
        model.parked.computeIfPresent(aggregateId, (id, parkedAt) -> parkedAt <= sequenceNumber ? null : parkedAt);
        settle(model, aggregateId);
    }

    @Override
    public void parked(String readModel, String aggregateId, long sequenceNumber) {
        Model model = model(readModel);
        model.parked.merge(aggregateId, sequenceNumber, Math::min);
        settle(model, aggregateId);
    }

    @Override
    public void discarded(String readModel, String aggregateId) {
        model(readModel).parked.remove(aggregateId);
    }

    @Override
    public void failing(String readModel, String cause) {
        Model model = model(readModel);
        model.failing = cause == null ? "its store is failing" : cause;
        model.waiters.keySet().forEach(aggregateId -> settle(model, aggregateId));
    }

    @Override
    public void recovered(String readModel) {
        model(readModel).failing = null;
    }

    @Override
    public CompletableFuture<Void> visible(String readModel, String aggregateId, long sequenceNumber) {
        Model model = model(readModel);
        CompletableFuture<Void> visible = new CompletableFuture<>();
        Waiter waiter = new Waiter(sequenceNumber, visible);
        if (settled(model, aggregateId, waiter)) {
            return visible;
        }
        model.waiters.compute(aggregateId, (id, list) -> {
            List<Waiter> waiting = list == null ? new ArrayList<>() : list;
            waiting.add(waiter);
            return waiting;
        });
        // Whoever completes the future (this re-check, a report, or the caller's time-out) removes the waiter.
        visible.whenComplete((ignored, failure) -> model.waiters.computeIfPresent(aggregateId, (id, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        }));
        settle(model, aggregateId);
        return visible;
    }

    /** Completes every waiter of the aggregate whose outcome is now known. */
    private void settle(Model model, String aggregateId) {
        List<Waiter> snapshot = new ArrayList<>();
        model.waiters.computeIfPresent(aggregateId, (id, list) -> {
            snapshot.addAll(list);
            return list;
        });
        // Completed outside the map's lock: completion removes the waiter from the map.
        snapshot.forEach(waiter -> settled(model, aggregateId, waiter));
    }

    /** Completes the waiter if its outcome is known; true if it did. */
    private static boolean settled(Model model, String aggregateId, Waiter waiter) {
        Long applied = model.applied.getIfPresent(aggregateId);
        if (applied != null && applied >= waiter.sequenceNumber()) {
            waiter.visible().complete(null);
            return true;
        }
        Long parkedAt = model.parked.get(aggregateId);
        if (parkedAt != null && parkedAt <= waiter.sequenceNumber()) {
            waiter.visible().completeExceptionally(new NotVisibleException(model.name,
                    "the event is parked in its dead-letter queue"));
            return true;
        }
        String failing = model.failing;
        if (failing != null) {
            waiter.visible().completeExceptionally(new NotVisibleException(model.name, failing));
            return true;
        }
        return false;
    }
}
