package org.tend.goal.config;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.goal.domain.GasScore;
import org.tend.goal.domain.GoalScales;
import org.tend.goal.domain.ParticipantGoals;
import org.tend.plumbing.caseload.CaseloadDirectory;

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
        return new CaseloadDirectory(database);
    }

    /**
     * The goal scales' settings: ρ between a participant's goals in the GAS T-score, {@code tend.goal.gas.rho} (0.3
     * by convention, Kiresuk &amp; Sherman), and the GBO reliable change, {@code tend.goal.gbo.reliable-change} (unset:
     * changes are shown, not classified). Injected into the aggregate, which computes every goal outcome.
     */
    @Bean
    GoalScales goalScales(@Value("${tend.goal.gas.rho:" + GasScore.CONVENTIONAL_RHO + "}") double rho,
                          @Value("${tend.goal.gbo.reliable-change:#{null}}") Double gboReliableChange) {
        return new GoalScales(new GasScore(rho), gboReliableChange);
    }
}
