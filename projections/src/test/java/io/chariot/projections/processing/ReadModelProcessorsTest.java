package io.chariot.projections.processing;

import io.chariot.projections.ReadModel;
import io.chariot.projections.verify.ReadModelDigest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The read models' processor defaults: bound from {@code chariot.read-models.processor.*}, refused when bad. */
class ReadModelProcessorsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EventProcessorProperties.class)
    static class AxonProperties {
    }

    /** A read model as the catalogue holds one: a bean of a type that names its processing group. */
    @ProcessingGroup("stub-model")
    static class StubModel implements ReadModel {
        public String name() { return "stub-model"; }
        public String store() { return "dynamodb"; }
        public int version() { return 1; }
        public void ensureSchema() { }
        public void clear() { }
        public int generation() { return 0; }
        public void useGeneration(int generation) { }
        public ReadModel forGeneration(int generation) { return this; }
        public void drop() { }
        public ReadModelDigest digest() { return null; }
    }

    @Configuration(proxyBeanMethods = false)
    static class Models {
        @Bean
        StubModel stubModel() {
            return new StubModel();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ModelOfUnknownGroup {
        @Bean
        ReadModel unknownModel() {
            return new StubModel();
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReadModelProcessorsConfiguration.class))
            .withUserConfiguration(AxonProperties.class);

    @Test
    void everyReadModelBeansProcessingGroupGetsTheDefaultsAndOnlyThose() {
        context.withUserConfiguration(Models.class).withPropertyValues("chariot.read-models.processor.batch-size=7")
                .run(started -> {
                    var processors = started.getBean(EventProcessorProperties.class).getProcessors();
                    assertThat(processors).containsOnlyKeys("stub-model");
                    assertThat(processors.get("stub-model").getMode()).isEqualTo(EventProcessorProperties.Mode.TRACKING);
                    assertThat(processors.get("stub-model").getSource()).isEqualTo("streamableKafkaMessageSource");
                    assertThat(processors.get("stub-model").getBatchSize()).isEqualTo(7);
                });
    }

    @Test
    void aProcessThatDoesNotApplyTheReadModelsSubscribesThemToASourceThatDeliversNothing() {
        context.withUserConfiguration(Models.class).withPropertyValues("chariot.read-models.processor.apply=false")
                .run(started -> {
                    var settings = started.getBean(EventProcessorProperties.class).getProcessors().get("stub-model");
                    assertThat(settings.getMode()).isEqualTo(EventProcessorProperties.Mode.SUBSCRIBING);
                    assertThat(settings.getSource()).isEqualTo(ReadModelProcessorsConfiguration.ELSEWHERE);
                    SubscribableMessageSource<EventMessage<?>> elsewhere = started.getBean(
                            ReadModelProcessorsConfiguration.ELSEWHERE, SubscribableMessageSource.class);
                    List<EventMessage<?>> delivered = new ArrayList<>();
                    elsewhere.subscribe(delivered::addAll);
                    assertThat(delivered).isEmpty();
                });
    }

    @Test
    void aProcessThatAppliesTheReadModelsHasNoSilentSource() {
        context.withUserConfiguration(Models.class)
                .run(started -> assertThat(started).doesNotHaveBean(ReadModelProcessorsConfiguration.ELSEWHERE));
    }

    @Test
    void aProcessingGroupConfiguredInPropertiesKeepsItsOwnSettings() {
        context.withUserConfiguration(Models.class)
                .withPropertyValues("axon.eventhandling.processors.stub-model.mode=subscribing")
                .run(started -> assertThat(started.getBean(EventProcessorProperties.class).getProcessors()
                        .get("stub-model").getMode()).isEqualTo(EventProcessorProperties.Mode.SUBSCRIBING));
    }

    @Test
    void aReadModelBeanWhoseTypeNamesNoProcessingGroupFailsStartUp() {
        context.withUserConfiguration(ModelOfUnknownGroup.class).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("unknownModel");
        });
    }

    @Test
    void aBatchSizeBelowOneFailsStartUpNamingTheProperty() {
        context.withPropertyValues("chariot.read-models.processor.batch-size=-1").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("chariot.read-models.processor.batch-size");
        });
    }

    @Test
    void anEmptySourceFailsStartUpNamingTheProperty() {
        context.withPropertyValues("chariot.read-models.processor.source=").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("chariot.read-models.processor.source");
        });
    }

    @Test
    void theDefaultsAreATrackingProcessorOnTheKafkaSourceInBatchesOfAHundred() {
        var settings = new ReadModelProcessorSettings("streamableKafkaMessageSource", 100, true).toAxon();
        assertThat(settings.getMode()).isEqualTo(EventProcessorProperties.Mode.TRACKING);
        assertThat(settings.getSource()).isEqualTo("streamableKafkaMessageSource");
        assertThat(settings.getBatchSize()).isEqualTo(100);
    }
}
