package org.tend.fhir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link FhirBase} of a service that exports records, from {@code tend.fhir.base-url} (environment variable
 * {@code TEND_FHIR_BASE_URL}; the local default is the gateway's {@code http://localhost:8080/fhir}).
 */
@Configuration(proxyBeanMethods = false)
public class FhirBaseConfiguration {

    @Bean
    FhirBase fhirBase(@Value("${tend.fhir.base-url:${TEND_FHIR_BASE_URL:http://localhost:8080/fhir}}") String url) {
        return new FhirBase(url);
    }
}
