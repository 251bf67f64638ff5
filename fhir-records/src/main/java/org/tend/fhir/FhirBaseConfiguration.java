package org.tend.fhir;

import java.net.URI;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The {@link FhirBase} of a service that exports records, from {@code tend.fhir.base-url} (environment variable
 * {@code TEND_FHIR_BASE_URL}; the local default is the gateway's {@code http://localhost:8080/fhir}). Outside the
 * {@code local} profile a service refuses to start with a base that is not {@code https://} or names this machine:
 * every exported record would carry it for good.
 */
@Configuration(proxyBeanMethods = false)
public class FhirBaseConfiguration {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    @Bean
    FhirBase fhirBase(@Value("${tend.fhir.base-url:${TEND_FHIR_BASE_URL:http://localhost:8080/fhir}}") String url,
                      Environment environment) {
        FhirBase base = new FhirBase(url);
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            URI uri = URI.create(base.url());
            if (!"https".equals(uri.getScheme()) || LOOPBACK.contains(uri.getHost())) {
                throw new IllegalStateException("refusing to start with a development FHIR base outside the 'local'"
                        + " profile: TEND_FHIR_BASE_URL must be the https:// address where the gateway serves /fhir"
                        + " (exported records name it for good), not " + url);
            }
        }
        return base;
    }
}
