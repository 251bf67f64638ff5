package org.tend.plumbing.deadletters;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.tend.plumbing.messaging.RecordListener;

/**
 * Dead letters that can be worked: for a service with a dead-letter topic and a {@link RecordListener}, the admin
 * endpoint that lists and re-drives them ({@link DeadLetterController}).
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.tend.plumbing.store.StoreAutoConfiguration"})
@ConditionalOnProperty("tend.messaging.dead-letter-topic")
@ConditionalOnBean(RecordListener.class)
public class DeadLetterAutoConfiguration {

    @Bean
    public DeadLetters tendDeadLetters(@Value("${tend.messaging.dead-letter-topic}") String topic,
                                   ConsumerFactory<String, byte[]> consumers, List<RecordListener> listeners,
                                   MongoDatabase serviceDatabase, Clock clock,
                                   @Value("${tend.messaging.dead-letters-timeout:PT10S}") Duration timeout) {
        // Partitions assigned, not subscribed, and nothing committed: reading the dead letters joins no group and
        // moves no consumer's position.
        return new DeadLetters(topic, () -> consumers.createConsumer("tend-dead-letters-reader", "tend-dead-letters",
                null, propertiesOf(Map.of("enable.auto.commit", "false", "max.poll.records", "500"))),
                listeners, serviceDatabase, clock, timeout);
    }

    private static java.util.Properties propertiesOf(Map<String, String> values) {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(values);
        return properties;
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }
}
