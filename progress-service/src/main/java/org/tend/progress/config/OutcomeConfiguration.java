package org.tend.progress.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.progress.data.OutcomeData;
import org.tend.progress.data.OutcomeDataLoader;

/**
 * The outcome measures and review rules, loaded and checked while the context starts: an
 * {@link org.tend.plumbing.data.DataFileException} (naming the file and every fault) stops the service before it
 * serves a journey.
 */
@Configuration(proxyBeanMethods = false)
public class OutcomeConfiguration {

    @Bean
    OutcomeData outcomeData(
            @Value("${tend.progress.outcome-measures:" + OutcomeDataLoader.OUTCOME_MEASURES + "}") String measures,
            @Value("${tend.progress.review-rules:" + OutcomeDataLoader.REVIEW_RULES + "}") String reviewRules) {
        return new OutcomeDataLoader().load(measures, reviewRules);
    }
}
