package org.tend.assessment.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.tend.assessment.domain.programme.PrivacyFloor;
import org.tend.assessment.query.AssessmentViews;
import org.tend.assessment.query.SafetyAlerts;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AssessmentConfiguration {

    /** The service's own database (where Axon keeps its events): the read models live beside the events. */
    @Bean
    MongoDatabase assessmentDatabase(MongoClient client, @Value("${tend.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
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
            @Value("${tend.read-models.await:PT2S}") Duration readModelWait) {
        return new AssessmentSettings(signposting, acknowledgeWithin, expireAfter, readModelWait);
    }

    /**
     * The read models must not skip an event either (a skipped concern would be an alert nobody sees): a failed
     * write propagates, and the processor backs off and retries from the same token.
     */
    @Bean
    ConfigurerModule readModelErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(AssessmentViews.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(SafetyAlerts.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
