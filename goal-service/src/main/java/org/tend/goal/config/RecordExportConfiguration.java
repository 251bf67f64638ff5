package org.tend.goal.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tend.fhir.FhirBase;
import org.tend.fhir.FhirBaseConfiguration;
import org.tend.goal.fhir.GoalRecords;

/** The service's part of a participant's FHIR record. */
@Configuration(proxyBeanMethods = false)
@Import(FhirBaseConfiguration.class)
public class RecordExportConfiguration {

    @Bean
    GoalRecords goalRecords(FhirBase base) {
        return new GoalRecords(base);
    }
}
