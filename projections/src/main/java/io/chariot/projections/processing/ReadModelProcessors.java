package io.chariot.projections.processing;

import io.chariot.projections.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gives every read model's processing group the same processor — tracking, on the Kafka source, in batches — so
 * {@code application.yml} does not repeat a block per read model and a new read model cannot be forgotten. The
 * groups come from the read-model beans' {@link ProcessingGroup}s, read from their definitions (nothing is created
 * early). They are added to Axon's own {@link EventProcessorProperties}, so Axon's auto-configuration builds them as
 * it builds any configured processor and {@code NoSkipProcessing} gives them their dead-letter queues; a group that
 * {@code axon.eventhandling.processors} names itself keeps its own settings.
 */
public final class ReadModelProcessors implements BeanPostProcessor {

    private final ConfigurableListableBeanFactory beans;
    private final Environment environment;

    public ReadModelProcessors(ConfigurableListableBeanFactory beans, Environment environment) {
        this.beans = beans;
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof EventProcessorProperties axon) {
            ReadModelProcessorSettings defaults = Binder.get(environment)
                    .bindOrCreate(ReadModelProcessorSettings.PREFIX, ReadModelProcessorSettings.class);
            readModelGroups().forEach(group -> axon.getProcessors().computeIfAbsent(group, g -> defaults.toAxon()));
        }
        return bean;
    }

    /** The processing groups of every read-model bean, from the bean definitions' types. */
    Set<String> readModelGroups() {
        return new TreeSet<>(groupsOf(beans, ReadModel.class).keySet());
    }

    /**
     * Processing group → bean name of every bean definition of the type, read from the definitions' types without
     * creating the beans (safe while Axon is still being configured).
     *
     * @throws IllegalStateException for a bean whose type names no {@link ProcessingGroup}
     */
    public static Map<String, String> groupsOf(ConfigurableListableBeanFactory beans, Class<?> type) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String name : beans.getBeanNamesForType(type, true, false)) {
            ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class, false);
            if (group == null) {
                throw new IllegalStateException("read model bean " + name + " names no @ProcessingGroup on its type");
            }
            groups.put(group.value(), name);
        }
        return groups;
    }
}
