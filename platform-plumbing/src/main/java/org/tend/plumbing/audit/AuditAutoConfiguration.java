package org.tend.plumbing.audit;

import org.tend.plumbing.instance.Leases;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.plumbing.security.SecurityAutoConfiguration;
import org.tend.plumbing.store.StoreAutoConfiguration;

/**
 * The audit trail's side in every service: the filter that records entries in the service's outbox, the publisher
 * that sends them to {@code tend.audit.entries}, and that topic's declaration (kept for the trail's retention).
 * assessment-service keeps the trail itself. Off with {@code tend.audit.enabled=false}.
 */
@AutoConfiguration(after = {StoreAutoConfiguration.class, SecurityAutoConfiguration.class,
        MessagingAutoConfiguration.class},
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "tend.audit.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(MongoDatabase.class)
public class AuditAutoConfiguration {

    /**
     * Right after Spring Security's filter chain (order -100), so the caller is known; around everything else, so the
     * status recorded is the one the client gets.
     */
    public static final int FILTER_ORDER = -90;

    @Bean
    @ConditionalOnMissingBean
    public AuditSettings auditSettings(@Value("${spring.application.name}") String service,
                                       @Value("${tend.audit.retention:P400D}") Duration retention,
                                       @Value("${tend.audit.outbox-retention:P7D}") Duration outboxRetention,
                                       @Value("${tend.audit.publish-interval:PT1S}") Duration publishInterval,
                                       @Value("${tend.audit.publish-batch:500}") int publishBatch,
                                       @Value("${tend.messaging.send-timeout:PT15S}") Duration sendTimeout,
                                       @Value("${tend.audit.purge-interval:PT1H}") Duration purgeInterval) {
        return new AuditSettings(service, retention, outboxRetention, publishInterval, publishBatch, sendTimeout,
                purgeInterval);
    }

    @Bean
    @ConditionalOnMissingBean
    public AuditOutbox auditOutbox(MongoDatabase database) {
        return new AuditOutbox(database);
    }

    @Bean
    public FilterRegistrationBean<AuditFilter> auditFilter(AuditOutbox outbox, Pseudonymizer pseudonymizer,
                                                           Clock clock, AuditSettings settings) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(
                new AuditFilter(outbox, pseudonymizer, clock, settings.service()));
        registration.setOrder(FILTER_ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    public AuditPublisher auditPublisher(AuditOutbox outbox, KafkaTemplate<String, byte[]> kafka, Clock clock,
                                         AuditSettings settings,
                                         org.springframework.beans.factory.ObjectProvider<Leases> leases) {
        AuditPublisher publisher = new AuditPublisher(outbox, kafka, new CloudEventRecords(
                MessagingAutoConfiguration.integrationJson(), "/tend/" + settings.service()), clock, settings);
        Leases available = leases.getIfAvailable();
        return available == null ? publisher : publisher.exclusive(available);
    }

    /**
     * {@code tend.audit.outbox.unsent}: entries waiting in the outbox. It grows while the broker is away or refuses
     * the service (a missing ACL on {@code tend.audit.entries}, say) and falls back to about zero once entries flow.
     */
    @Bean
    public MeterBinder auditOutboxMetrics(AuditOutbox outbox) {
        return registry -> Gauge.builder("tend.audit.outbox.unsent", outbox, AuditOutbox::unsentCount)
                .description("Audit entries recorded in this service's outbox and not yet acknowledged by Kafka")
                .register(registry);
    }

    /** Every service writes the topic; it keeps a record as long as the trail keeps the entry, not forever. */
    @Bean
    public NewTopic tendAuditTopic(AuditSettings settings,
                                   @Value("${tend.messaging.partitions:3}") int partitions,
                                   @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return TopicBuilder.name(EventTypes.AUDIT_TOPIC).partitions(partitions).replicas(replicas)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(settings.retention().toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.min(2, replicas))))
                .build();
    }
}
