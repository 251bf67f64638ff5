package org.tend.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one principal connects to the local broker: SASL/SCRAM-SHA-512 over its {@code SASL_PLAINTEXT} listener.
 *
 * @param bootstrapServers the broker's client address
 * @param username         the principal ({@code User:<username>})
 * @param password         its password ({@link #toString()} does not show it)
 */
public record KafkaLogin(String bootstrapServers, String username, String password) {

    /** The security protocol of the local broker's client listener. */
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    /** The SASL mechanism of the local broker's client listener. */
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";

    /**
     * No login at all: a broker without security, which only the benchmark runs, to measure what SASL and the ACLs
     * cost ({@link LocalStack.Builder#unsecuredKafka()}). DEVELOPMENT ONLY.
     */
    public static KafkaLogin unsecured(String bootstrapServers) {
        return new KafkaLogin(bootstrapServers, null, null);
    }

    /** Whether this is {@link #unsecured}. */
    public boolean isUnsecured() {
        return username == null;
    }

    /** Client settings for a Kafka producer, consumer or admin client (add serialisers, group and so on). */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        if (isUnsecured()) {
            config.put("security.protocol", "PLAINTEXT");
            return config;
        }
        config.put("security.protocol", SECURITY_PROTOCOL);
        config.put("sasl.mechanism", SASL_MECHANISM);
        config.put("sasl.jaas.config", jaasConfig());
        return config;
    }

    /** The login line a client's {@code sasl.jaas.config} takes. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** The variables a Tend service reads its login from (see the plumbing's defaults). */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (isUnsecured()) {
            env.put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
            return env;
        }
        env.put("KAFKA_SECURITY_PROTOCOL", SECURITY_PROTOCOL);
        env.put("KAFKA_SASL_MECHANISM", SASL_MECHANISM);
        env.put("KAFKA_SASL_USERNAME", username);
        env.put("KAFKA_SASL_PASSWORD", password);
        return env;
    }

    /** The same principal with another password (tests of a wrong one). */
    public KafkaLogin withPassword(String other) {
        return new KafkaLogin(bootstrapServers, username, other);
    }

    @Override
    public String toString() {
        return "KafkaLogin[" + username + "@" + bootstrapServers + "]";
    }
}
