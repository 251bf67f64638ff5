package org.tend.goal.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.goal.domain.GasScore;
import org.tend.goal.query.GoalDirectoryProjection;

@Configuration(proxyBeanMethods = false)
public class GoalConfiguration {

    /** The service's own database (the one Axon stores its events in): read models live beside the events. */
    @Bean
    MongoDatabase goalDatabase(MongoClient client, @Value("${tend.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * GAS T-scores with the assumed correlation between a participant's goals, {@code tend.goal.gas.rho}: 0.3 by
     * convention (Kiresuk &amp; Sherman); a clinical lead may choose another value in 0–1.
     */
    @Bean
    GasScore gasScore(@Value("${tend.goal.gas.rho:" + GasScore.CONVENTIONAL_RHO + "}") double rho) {
        return new GasScore(rho);
    }

    /**
     * The goal directory must not skip an event either (a skipped goal could never be rated by a practitioner):
     * a failed write propagates, the processor backs off and retries from the same token.
     */
    @Bean
    ConfigurerModule goalDirectoryErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(GoalDirectoryProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
