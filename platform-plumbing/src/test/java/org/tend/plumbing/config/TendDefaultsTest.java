package org.tend.plumbing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The Kafka login the defaults add: none under PLAINTEXT, a SCRAM login from the two variables under SASL. */
class TendDefaultsTest {

    private final TendDefaults defaults = new TendDefaults();

    @Test
    void plaintextByDefaultWithNoLoginEvenWithoutAUsername() {
        MockEnvironment env = new MockEnvironment();
        defaults.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.kafka.security.protocol")).isEqualTo("PLAINTEXT");
        assertThat(env.containsProperty(TendDefaults.JAAS_CONFIG)).isFalse();
    }

    @Test
    void saslBuildsAScramLoginFromUsernameAndPassword() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .withProperty("KAFKA_SASL_USERNAME", "goal")
                .withProperty("KAFKA_SASL_PASSWORD", "s3cr\"t\\x");
        defaults.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.kafka.security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(env.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(env.getProperty(TendDefaults.JAAS_CONFIG)).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"goal\" "
                        + "password=\"s3cr\\\"t\\\\x\";");
    }

    @Test
    void aLoginSetElsewhereWins() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .withProperty(TendDefaults.JAAS_CONFIG, "own");
        defaults.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty(TendDefaults.JAAS_CONFIG)).isEqualTo("own");
    }

    @Test
    void saslWithoutCredentialsStopsTheServiceNamingTheVariables() {
        MockEnvironment env = new MockEnvironment().withProperty("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");

        assertThatThrownBy(() -> defaults.postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KAFKA_SASL_USERNAME").hasMessageContaining("KAFKA_SASL_PASSWORD");
    }
}
