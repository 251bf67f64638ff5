package org.tend.plumbing.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the settings every service shares (external addresses from environment variables, Kafka producer and
 * consumer settings, Axon without Axon Server) as the lowest-precedence property source, so a service's own
 * {@code application.yml}, the environment and the command line all override them.
 */
public class TendDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "tend-plumbing-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("tendDefaults",
                    new ClassPathResource(RESOURCE, TendDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        // Axon's update checker calls home and logs stack traces offline (engineering notes §3).
        if (System.getProperty("axon.update-check.disabled") == null) {
            System.setProperty("axon.update-check.disabled", "true");
        }
    }
}
