package io.chariot.asset.config;

import io.chariot.asset.Asset;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class AssetConfigurationTest {

    @Test
    void theAggregatesSnapshotTriggerIsAnEventCountBeanUnderTheNameItsAnnotationUses() {
        String beanName = Asset.class.getAnnotation(Aggregate.class).snapshotTriggerDefinition();
        try (var context = new AnnotationConfigApplicationContext()) {
            context.registerBean(Snapshotter.class, () -> (aggregateType, aggregateIdentifier) -> { });
            context.register(AssetConfiguration.class);
            context.refresh();

            assertThat(beanName).isEqualTo("assetSnapshotTrigger");
            assertThat(context.getBean(beanName, SnapshotTriggerDefinition.class))
                    .isInstanceOf(EventCountSnapshotTriggerDefinition.class);
        }
    }
}
