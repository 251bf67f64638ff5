package org.tend.goal.config;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.goal.data.GoalScalesLoader;
import org.tend.goal.domain.GoalScales;
import org.tend.goal.domain.ParticipantGoals;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;

@Configuration(proxyBeanMethods = false)
public class GoalConfiguration {

    /** Registered here rather than by Spring's stereotype, so the domain carries Axon's modelling annotations only. */
    @Bean
    ConfigurerModule goalAggregates() {
        return configurer -> configurer.configureAggregate(ParticipantGoals.class);
    }

    /** Who is enrolled where and who serves it, learned from assessment-service: whose goals a practitioner sees. */
    @Bean
    CaseloadDirectory caseloads(MongoDatabase database) {
        // The collections this service has always kept them in.
        return new CaseloadDirectory(database, new CaseloadDirectory.Storage("enrolments", "programmes",
                "practitioner_assignments", "practitioners"));
    }

    /** Each programme's care settings, learned from assessment-service: how many goals a participant may have active. */
    @Bean
    ProgrammeSettingsDirectory programmeSettings(MongoDatabase database) {
        return new ProgrammeSettingsDirectory(database);
    }

    /**
     * The goal scales' settings (GAS ρ, the GBO reliable change) from their versioned data file, checked as the
     * context starts: a faulty file stops the service naming the file and every fault. Injected into the aggregate,
     * which computes every goal outcome.
     */
    @Bean
    GoalScales goalScales(@Value("${tend.goal.scales:" + GoalScalesLoader.GOAL_SCALES + "}") String resource) {
        return GoalScalesLoader.load(resource);
    }
}
