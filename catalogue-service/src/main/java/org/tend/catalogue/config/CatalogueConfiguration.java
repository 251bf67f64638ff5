package org.tend.catalogue.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.catalogue.domain.entry.CatalogueEntry;
import org.tend.catalogue.domain.plan.CarePlan;
import org.tend.catalogue.domain.recommendation.ParticipantRecommendations;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;

@Configuration(proxyBeanMethods = false)
public class CatalogueConfiguration {

    /** Replaces Axon's default event JSON mapper: the same, keeping the names events were stored under. */
    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return StoredEventJson.mapper();
    }

    /**
     * The aggregates are registered here rather than with Axon's Spring stereotype, so that the domain classes carry
     * Axon's modelling annotations only and no Spring annotation.
     */
    @Bean
    ConfigurerModule catalogueAggregates() {
        return configurer -> {
            configurer.configureAggregate(CatalogueEntry.class);
            configurer.configureAggregate(ParticipantRecommendations.class);
            configurer.configureAggregate(CarePlan.class);
        };
    }

    /** Each programme's care settings as assessment-service publishes them: the schedule a care plan shows. */
    @Bean
    ProgrammeSettingsDirectory programmeSettings(MongoDatabase database) {
        return new ProgrammeSettingsDirectory(database);
    }

    /** Who is enrolled where and who serves it, learned from assessment-service: whom a practitioner may see. */
    @Bean
    CaseloadDirectory caseloads(MongoDatabase database) {
        // The collections this service has always kept them in.
        return new CaseloadDirectory(database, new CaseloadDirectory.Storage("enrolments", "programmeIds",
                "programme_practitioners", "practitionerIds"));
    }
}
