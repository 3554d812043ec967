package io.chariot.asset.config;

import io.chariot.asset.web.AssetLimits;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of the asset context. The {@code Asset} aggregate itself is found by component scanning of
 * {@code io.chariot.asset} (Axon's {@code @Aggregate} is a Spring stereotype).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AssetLimits.class)
public class AssetConfiguration {

    /** An asset is rebuilt from its latest snapshot once it has more events than this since the last one. */
    public static final int SNAPSHOT_THRESHOLD = 100;

    @Bean
    public SnapshotTriggerDefinition assetSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_THRESHOLD);
    }
}
