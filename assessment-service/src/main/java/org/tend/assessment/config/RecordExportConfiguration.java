package org.tend.assessment.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tend.assessment.fhir.AssessmentRecords;
import org.tend.assessment.fhir.InstrumentQuestionnaires;
import org.tend.fhir.FhirBase;
import org.tend.fhir.FhirBaseConfiguration;

/** The service's part of a participant's FHIR record, and the questionnaires it serves. */
@Configuration(proxyBeanMethods = false)
@Import(FhirBaseConfiguration.class)
public class RecordExportConfiguration {

    @Bean
    InstrumentQuestionnaires instrumentQuestionnaires(FhirBase base) {
        return new InstrumentQuestionnaires(base);
    }

    @Bean
    AssessmentRecords assessmentRecords(FhirBase base, InstrumentQuestionnaires questionnaires) {
        return new AssessmentRecords(base, questionnaires);
    }
}
