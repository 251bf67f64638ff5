package org.tend.catalogue.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tend.catalogue.fhir.CatalogueRecords;
import org.tend.fhir.FhirBase;
import org.tend.fhir.FhirBaseConfiguration;

/** The service's part of a participant's FHIR record, and the catalogue's activity definitions. */
@Configuration(proxyBeanMethods = false)
@Import(FhirBaseConfiguration.class)
public class RecordExportConfiguration {

    @Bean
    CatalogueRecords catalogueRecords(FhirBase base) {
        return new CatalogueRecords(base);
    }
}
