package org.tend.insights.config;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.contracts.ContractValidator;
import org.tend.insights.messaging.InsightsListener;
import org.tend.insights.query.FactStore;
import org.tend.insights.query.Generations;
import org.tend.insights.query.InsightEvents;
import org.tend.insights.query.InsightsQueries;
import org.tend.insights.query.NoiseStates;
import org.tend.insights.query.SettingsStore;
import org.tend.insights.query.StoredPrivacyBudget;

/** Wires the kept events, the listener, the settings, the noise and budget ledgers, and the queries. */
@Configuration(proxyBeanMethods = false)
public class InsightsConfiguration {

    @Bean
    InsightEvents insightEvents(ContractValidator contracts) {
        return new InsightEvents(contracts);
    }

    @Bean
    FactStore factStore(MongoDatabase serviceDatabase, InsightEvents events) {
        return new FactStore(serviceDatabase, events);
    }

    @Bean
    Generations generations(MongoDatabase serviceDatabase) {
        return new Generations(serviceDatabase);
    }

    @Bean
    SettingsStore settingsStore(MongoDatabase serviceDatabase) {
        return new SettingsStore(serviceDatabase);
    }

    @Bean
    InsightsListener insightsListener(InsightEvents events, FactStore facts, Generations generations) {
        return new InsightsListener(events.inbound(), facts, generations);
    }

    @Bean
    InsightsQueries insightsQueries(FactStore facts, Generations generations, SettingsStore settings,
                                    MongoDatabase serviceDatabase, Clock clock) {
        return new InsightsQueries(facts, generations, settings, new NoiseStates(serviceDatabase),
                new StoredPrivacyBudget(serviceDatabase), clock);
    }
}
