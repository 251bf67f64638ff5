package org.tend.plumbing.erasure;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.plumbing.outbox.EventOutbox;
import org.tend.plumbing.outbox.OutboxPublisher;
import org.tend.plumbing.outbox.OutboxRelay;
import org.tend.plumbing.store.StoreAutoConfiguration;

/**
 * The confirming side of erasure in a service that holds data about participants but does not keep the reports
 * ({@code tend.erasure.confirms=true}): its {@link ErasureConfirmations}, their publisher and the topic's
 * declaration (kept 30 days: a report has its confirmations long before).
 */
@AutoConfiguration(after = {StoreAutoConfiguration.class, MessagingAutoConfiguration.class})
@ConditionalOnProperty(name = "tend.erasure.confirms", havingValue = "true")
@ConditionalOnBean(MongoDatabase.class)
public class ErasureConfirmationsAutoConfiguration {

    /** How long a confirmation is kept on the topic. */
    public static final Duration TOPIC_RETENTION = Duration.ofDays(30);

    @Bean
    public ErasureConfirmations erasureConfirmations(MongoDatabase database, Clock clock) {
        return new ErasureConfirmations(new EventOutbox(database, ErasureConfirmations.OUTBOX), clock);
    }

    /** Sends the confirmations every second; sent ones are deleted from the outbox after a week. */
    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    public OutboxPublisher erasureConfirmationsPublisher(ErasureConfirmations confirmations,
                                                         KafkaTemplate<String, byte[]> kafka, Clock clock,
                                                         @Value("${spring.application.name}") String service,
                                                         @Value("${tend.messaging.send-timeout:PT15S}")
                                                         Duration sendTimeout,
                                                         org.springframework.beans.factory.ObjectProvider<
                                                                 org.tend.plumbing.instance.Leases> leases) {
        EventOutbox outbox = confirmations.outbox();
        OutboxRelay relay = new OutboxRelay(outbox, kafka, new CloudEventRecords(
                MessagingAutoConfiguration.integrationJson(), "/tend/" + service), clock, sendTimeout, 100);
        OutboxPublisher publisher = new OutboxPublisher(outbox, relay, clock, Duration.ofSeconds(1),
                Duration.ofDays(7), Duration.ofHours(1));
        org.tend.plumbing.instance.Leases available = leases.getIfAvailable();
        return available == null ? publisher : publisher.exclusive(available);
    }

    @Bean
    public NewTopic tendErasureConfirmationsTopic(@Value("${tend.messaging.partitions:3}") int partitions,
                                                  @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return confirmationsTopic(partitions, replicas);
    }

    /** The topic's declaration, for the services that write it and the one that reads it. */
    public static NewTopic confirmationsTopic(int partitions, short replicas) {
        return TopicBuilder.name(EventTypes.ERASURE_TOPIC).partitions(partitions).replicas(replicas)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TOPIC_RETENTION.toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.min(2, replicas))))
                .build();
    }
}
