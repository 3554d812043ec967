package io.chariot.platform;

import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.consistency.ReadModelCatalog;
import io.chariot.projections.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read model whose handler fails on demand, fed like the real ones (Kafka, a tracking processor, the same
 * failure handling and read-your-writes reporting): it refuses assets named {@code poison…} until "fixed", and
 * fails {@code flaky…} assets with a transient failure (an unreachable store) a set number of times.
 */
@ProcessingGroup(FaultyReadModel.GROUP)
class FaultyReadModel {

    static final String GROUP = "test-faulty";

    /** Last sequence number applied per aggregate. */
    final Map<String, Long> applied = new ConcurrentHashMap<>();
    volatile boolean poisonFixed;
    final AtomicInteger transientFailuresLeft = new AtomicInteger();

    @EventHandler
    void on(AssetDiscovered e, @SequenceNumber long seq) {
        apply(e.tenant() + e.key(), e.name(), seq);
    }

    @EventHandler
    void on(AssetStatusChanged e, @SequenceNumber long seq) {
        apply(e.tenant() + e.key(), e.key(), seq);
    }

    private void apply(String aggregate, String name, long seq) {
        if (name.contains("poison") && !poisonFixed) {
            throw new IllegalStateException("this read model cannot hold " + name);
        }
        if (name.contains("flaky") && transientFailuresLeft.getAndDecrement() > 0) {
            throw new UncheckedIOException(new IOException("store unreachable"));
        }
        applied.merge(aggregate, seq, Math::max);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        FaultyReadModel faultyReadModel() {
            return new FaultyReadModel();
        }

        /** The faulty model is read like the real ones: writes wait for it too. */
        @Bean
        @Primary
        ReadModelCatalog withFaultyReadModel(ReadModels models) {
            return () -> {
                Set<String> groups = new TreeSet<>(models.processingGroups());
                groups.add(GROUP);
                return groups;
            };
        }
    }
}
