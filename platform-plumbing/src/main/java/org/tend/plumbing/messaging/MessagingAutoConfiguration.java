package org.tend.plumbing.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.plumbing.tracing.TraceContexts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import org.tend.contracts.ContractValidator;
import org.tend.keys.SealedFields;
import org.tend.plumbing.keys.ParticipantKeysAutoConfiguration;

/**
 * The Kafka edge every service shares: its own event topic (kept forever: projections are rebuilt from it),
 * the forwarder from its event store, and dead letters for what its consumers cannot process.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class MessagingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    /** JSON for integration event data: ISO-8601 times, no nulls. Jackson 2, as Axon uses. */
    public static ObjectMapper integrationJson() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The published schemas, loaded once: every inbound record is checked against the schema of its type. */
    @Bean
    @ConditionalOnMissingBean
    public ContractValidator contractValidator() {
        return ContractValidator.load();
    }

    @Bean
    @ConditionalOnProperty("tend.messaging.topic")
    public NewTopic tendEventTopic(@Value("${tend.messaging.topic}") String topic,
                                   @Value("${tend.messaging.partitions:3}") int partitions,
                                   @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return eventTopic(topic, partitions, replicas);
    }

    /** A published topic as every service declares it: records kept forever. */
    public static NewTopic eventTopic(String topic, int partitions, short replicas) {
        return TopicBuilder.name(topic).partitions(partitions).replicas(replicas)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.min(2, replicas))))
                .build();
    }

    /**
     * The topics a service reads are declared too (with the same settings as their producer's), so a consumer that
     * starts before the producer subscribes to an existing topic instead of waiting for a metadata refresh.
     */
    @Bean
    @ConditionalOnProperty("tend.messaging.consumes")
    public KafkaAdmin.NewTopics tendConsumedTopics(@Value("${tend.messaging.consumes}") List<String> topics,
                                                   @Value("${tend.messaging.partitions:3}") int partitions,
                                                   @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return new KafkaAdmin.NewTopics(topics.stream()
                .map(topic -> eventTopic(topic, partitions, replicas)).toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnProperty("tend.messaging.dead-letter-topic")
    public NewTopic tendDeadLetterTopic(@Value("${tend.messaging.dead-letter-topic}") String topic,
                                        @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return TopicBuilder.name(topic).partitions(1).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    @Bean
    @ConditionalOnProperty("tend.messaging.topic")
    @ConditionalOnBean(IntegrationEventMapper.class)
    public ForwarderFaults forwarderFaults(ObjectProvider<MeterRegistry> meters) {
        return new ForwarderFaults(meters.getIfAvailable(() -> Metrics.globalRegistry), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty("tend.messaging.topic")
    @ConditionalOnBean(IntegrationEventMapper.class)
    public KafkaForwarder kafkaForwarder(KafkaTemplate<String, byte[]> kafka,
                                         List<IntegrationEventMapper> mappers,
                                         @Value("${tend.messaging.topic}") String topic,
                                         @Value("${tend.messaging.source}") String source,
                                         @Value("${tend.messaging.send-timeout:PT15S}") Duration sendTimeout,
                                         ForwarderFaults faults, ObjectProvider<MeterRegistry> meters,
                                         ObjectProvider<TraceContexts> traces,
                                         ObjectProvider<SealedFields> sealed,
                                         ObjectProvider<ParticipantKeysAutoConfiguration.RecordSealing> sealing) {
        CloudEventRecords records = new CloudEventRecords(integrationJson(), source);
        ParticipantKeysAutoConfiguration.RecordSealing seal = sealing.getIfAvailable();
        KafkaForwarder forwarder = new KafkaForwarder(kafka, seal == null ? records : seal.of(records),
                mappers, topic, sendTimeout, faults,
                new ForwarderMetrics(meters.getIfAvailable(() -> Metrics.globalRegistry), Clock.systemUTC()),
                traces.getIfAvailable(() -> TraceContexts.NOOP));
        SealedFields fields = sealed.getIfAvailable();
        return fields == null ? forwarder : forwarder.skipping(fields::aboutErasedParticipant);
    }

    /** The {@code forwarder} health component: DOWN while an event that cannot be mapped holds the topic up. */
    @Bean
    @ConditionalOnProperty("tend.messaging.topic")
    @ConditionalOnBean(IntegrationEventMapper.class)
    @ConditionalOnClass(HealthIndicator.class)
    public HealthIndicator forwarderHealthIndicator(ForwarderFaults faults) {
        return () -> faults.current()
                .map(fault -> Health.down().withDetail("eventId", fault.eventId())
                        .withDetail("eventType", fault.eventType()).withDetail("since", fault.since().toString())
                        .withDetail("failures", fault.failures()).build())
                .orElseGet(() -> Health.up().build());
    }

    /**
     * A record a listener cannot process is retried twice (a passing fault), then published to the service's
     * dead-letter topic with the exception in its headers ({@code kafka_dlt-exception-message}, …, and Tend's
     * {@code tend_dlt-reason}), logged at WARN and counted ({@link DeadLetterRecoverer}), and the consumer carries on
     * with the other records of its poll. A malformed record goes there at once. When the fault is the service's own
     * store or network ({@link Outages}), the record is not at fault: it is retried with a growing back-off for as long
     * as the outage lasts (each retry logged at WARN), so an outage never sends good records to dead letters.
     */
    @Bean
    @ConditionalOnProperty("tend.messaging.dead-letter-topic")
    public CommonErrorHandler deadLetters(KafkaOperations<String, byte[]> kafka,
                                          @Value("${tend.messaging.dead-letter-topic}") String deadLetterTopic,
                                          ObjectProvider<MeterRegistry> meters) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        DeadLetterRecoverer recoverer = new DeadLetterRecoverer(publisher,
                meters.getIfAvailable(() -> Metrics.globalRegistry));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500L, 2L));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        handler.setBackOffFunction((record, exception) -> Outages.isOutage(exception) ? Outages.backOff() : null);
        handler.setRetryListeners((record, exception, attempt) -> {
            if (Outages.isOutage(exception)) {
                log.warn("{}-{}@{} waits for the store or network to come back (attempt {}): {}", record.topic(),
                        record.partition(), record.offset(), attempt, DeadLetterRecoverer.cause(exception).toString());
            }
        });
        // Redelivery after a failed record is the normal path, not an error worth a stack trace each time.
        handler.setLogLevel(KafkaException.Level.INFO);
        return handler;
    }
}
