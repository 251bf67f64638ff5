package org.tend.catalogue.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.catalogue.domain.entry.CatalogueEntry;
import org.tend.catalogue.domain.recommendation.ParticipantRecommendations;
import org.tend.catalogue.query.InterventionProjection;
import org.tend.catalogue.query.RecommendationProjection;
import org.tend.contracts.ContractValidator;

@Configuration(proxyBeanMethods = false)
public class CatalogueConfiguration {

    /** The service's own database (the one Axon keeps its events in): read models live beside the events. */
    @Bean
    MongoDatabase catalogueDatabase(MongoClient client, @Value("${tend.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    /** Replaces Axon's default event JSON mapper: the same, keeping the names events were stored under. */
    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return StoredEventJson.mapper();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Inbound records are checked against the published schema of their type before anything is done with them. */
    @Bean
    ContractValidator contractValidator() {
        return ContractValidator.load();
    }

    /**
     * The aggregates are registered here rather than with Axon's Spring stereotype, so that the domain classes carry
     * Axon's modelling annotations only and no Spring annotation. The projections must not skip an event: a failed
     * write propagates, the processor backs off and retries from the same token (stack pitfall 7).
     */
    @Bean
    ConfigurerModule catalogueAxonModule() {
        return configurer -> {
            configurer.configureAggregate(CatalogueEntry.class);
            configurer.configureAggregate(ParticipantRecommendations.class);
            configurer.eventProcessing(processing -> processing
                    .registerListenerInvocationErrorHandler(InterventionProjection.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance())
                    .registerListenerInvocationErrorHandler(RecommendationProjection.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance()));
        };
    }
}
