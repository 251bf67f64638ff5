package org.tend.assessment.config;

import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.tend.assessment.domain.assessment.Assessment;
import org.tend.assessment.domain.care.CareHold;
import org.tend.assessment.domain.enrolment.Enrolment;
import org.tend.assessment.domain.programme.PrivacyFloor;
import org.tend.assessment.domain.programme.Programme;
import org.tend.assessment.query.SafetyAlertMetrics;
import org.tend.assessment.query.SafetyAlerts;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AssessmentConfiguration {

    /** Registered here rather than by Spring's stereotype, so the domain carries Axon's modelling annotations only. */
    @Bean
    ConfigurerModule assessmentAggregates() {
        return configurer -> configurer.configureAggregate(Assessment.class)
                .configureAggregate(Programme.class)
                .configureAggregate(Enrolment.class)
                .configureAggregate(CareHold.class);
    }

    /** The other services' erasure confirmations, read here into the reports (declared where it is read, too). */
    @Bean
    org.apache.kafka.clients.admin.NewTopic tendErasureConfirmationsTopic(
            @Value("${tend.messaging.partitions:3}") int partitions,
            @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return org.tend.plumbing.erasure.ErasureConfirmationsAutoConfiguration.confirmationsTopic(partitions, replicas);
    }

    @Bean
    PrivacyFloor privacyFloor(@Value("${tend.privacy.minimum-group-size-floor:5}") int floor) {
        return new PrivacyFloor(floor);
    }

    @Bean
    AssessmentSettings assessmentSettings(
            @Value("${tend.safety.default-crisis-signposting}") String signposting,
            @Value("${tend.safety.acknowledge-within:PT4H}") Duration acknowledgeWithin,
            @Value("${tend.assessment.expire-after:P7D}") Duration expireAfter,
            @Value("${tend.read-models.await:PT2S}") Duration readModelWait,
            @Value("${tend.assessment.daily-limit:20}") int dailyLimit) {
        return new AssessmentSettings(signposting, acknowledgeWithin, expireAfter, readModelWait, dailyLimit);
    }

    /** Each programme's count of overdue safety alerts, for the practitioners' digest progress-service sends. */
    @Bean
    org.tend.assessment.messaging.AlertCountsPublisher alertCountsPublisher(SafetyAlerts alerts,
            org.springframework.kafka.core.KafkaTemplate<String, byte[]> kafka, Clock clock,
            AssessmentSettings settings, @Value("${tend.messaging.source}") String source,
            @Value("${tend.messaging.send-timeout:PT15S}") Duration sendTimeout,
            org.tend.plumbing.instance.Leases leases,
            @Value("${tend.safety.alert-counts-interval:PT1M}") Duration interval) {
        return new org.tend.assessment.messaging.AlertCountsPublisher(alerts, kafka,
                new org.tend.plumbing.messaging.CloudEventRecords(
                        org.tend.plumbing.messaging.MessagingAutoConfiguration.integrationJson(), source),
                clock, settings.acknowledgeWithin(), sendTimeout, leases, interval);
    }

    /** The internal topic of those counts: compacted, the newest count per programme is what matters. */
    @Bean
    org.apache.kafka.clients.admin.NewTopic alertCountsTopic(
            @Value("${tend.messaging.partitions:3}") int partitions,
            @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return org.springframework.kafka.config.TopicBuilder.name(org.tend.contracts.EventTypes.ALERT_COUNTS_TOPIC)
                .partitions(partitions).replicas(replicas).compact().build();
    }

    /** Counts of open and overdue safety alerts, read from the store at most once per refresh (default 15 s). */
    @Bean
    SafetyAlertMetrics safetyAlertMetrics(SafetyAlerts alerts, Clock clock, AssessmentSettings settings,
                                          @Value("${tend.safety.metrics-refresh:PT15S}") Duration refresh) {
        return new SafetyAlertMetrics(alerts, clock, settings.acknowledgeWithin(), refresh);
    }
}
