package org.tend.plumbing.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the settings every service shares (external addresses from environment variables, Kafka producer and
 * consumer settings, Axon without Axon Server) as the lowest-precedence property source, so a service's own
 * {@code application.yml}, the environment and the command line all override them.
 *
 * <p>Kafka's {@code sasl.jaas.config} is the one setting a properties file cannot express: it is needed only
 * under a {@code SASL_*} protocol, and a JAAS line built from an unset username would be broken. So it is added
 * here, and only then, from {@code tend.kafka.sasl.username} and {@code tend.kafka.sasl.password}
 * ({@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD}); a {@code sasl.jaas.config} set anywhere else wins.
 */
public class TendDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "tend-plumbing-defaults.properties";
    static final String JAAS_CONFIG = "spring.kafka.properties.sasl.jaas.config";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("tendDefaults",
                    new ClassPathResource(RESOURCE, TendDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        addKafkaLogin(environment);
        // Axon's update checker calls home and logs stack traces offline (engineering notes §3).
        if (System.getProperty("axon.update-check.disabled") == null) {
            System.setProperty("axon.update-check.disabled", "true");
        }
    }

    static void addKafkaLogin(ConfigurableEnvironment environment) {
        String protocol = environment.getProperty("spring.kafka.security.protocol", "PLAINTEXT");
        if (!protocol.trim().toUpperCase(Locale.ROOT).startsWith("SASL_") || environment.containsProperty(JAAS_CONFIG)) {
            return;
        }
        String mechanism = environment.getProperty("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512").trim();
        String loginModule = switch (mechanism) {
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            default -> throw new IllegalStateException("Kafka SASL mechanism " + mechanism
                    + " needs its own login: set SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
        };
        String username = environment.getProperty("tend.kafka.sasl.username", "");
        String password = environment.getProperty("tend.kafka.sasl.password", "");
        if (username.isBlank() || password.isEmpty()) {
            throw new IllegalStateException("KAFKA_SECURITY_PROTOCOL=" + protocol
                    + " needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (the service's Kafka principal)");
        }
        String jaas = loginModule + " required username=\"" + jaasQuoted(username) + "\" password=\""
                + jaasQuoted(password) + "\";";
        environment.getPropertySources().addLast(new MapPropertySource("tendKafkaLogin", Map.of(JAAS_CONFIG, jaas)));
    }

    /** Kafka's JAAS parser reads a quoted value with backslash escapes. */
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
