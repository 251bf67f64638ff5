package org.tend.fhir;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How a service answers with FHIR: the resource as {@value FhirRecords#MEDIA_TYPE}. */
public final class FhirResponses {

    /** For {@code produces}: FHIR JSON first, plain JSON accepted too. */
    public static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final MediaType FHIR_JSON = MediaType.parseMediaType(FhirRecords.MEDIA_TYPE);

    private FhirResponses() {
    }

    public static ResponseEntity<String> of(IBaseResource resource) {
        return ResponseEntity.ok().contentType(FHIR_JSON).body(FhirRecords.json(resource));
    }

    /** A service's part of a participant's record: a collection bundle of its resources. */
    public static ResponseEntity<String> part(String bundleKey, Instant at, List<? extends Resource> resources) {
        return of(FhirRecords.collection(bundleKey, at, resources));
    }
}
