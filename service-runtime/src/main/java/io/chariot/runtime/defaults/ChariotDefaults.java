package io.chariot.runtime.defaults;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The deployment's defaults and environment-variable mappings ({@value #RESOURCE}), written once for the platform
 * and every service: added below everything else, so a deployable's own {@code application.yml}, the environment
 * and the command line override any of them.
 */
public class ChariotDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "chariot-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(RESOURCE)) {
            return;
        }
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader()
                    .load(RESOURCE, new ClassPathResource(RESOURCE, ChariotDefaults.class.getClassLoader()));
            if (documents.size() != 1) {
                throw new IllegalStateException(RESOURCE + " must hold exactly one YAML document");
            }
            environment.getPropertySources().addLast(documents.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
