package org.tend.fhir;

import java.net.URI;
import java.util.Objects;

/**
 * Where Tend serves its canonical resources (the FHIR base, {@code TEND_FHIR_BASE_URL}; through the gateway, e.g.
 * {@code https://tend.example.org/fhir}): a {@code Questionnaire} per instrument, an {@code ActivityDefinition} per
 * catalogue entry, and the code systems of Tend's own codes. An exported resource names them by these URLs.
 */
public record FhirBase(String url) {

    public FhirBase {
        Objects.requireNonNull(url, "url");
        URI uri = URI.create(url);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("the FHIR base must be an absolute http(s) URL: " + url);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The canonical URL of an instrument's questionnaire (all versions; a response names {@code url|version}). */
    public String questionnaire(String instrumentId) {
        return url + "/Questionnaire/" + instrumentId;
    }

    /** The canonical URL of a catalogue entry's activity definition. */
    public String activityDefinition(String interventionId) {
        return url + "/ActivityDefinition/" + interventionId;
    }

    /** The URL of one of Tend's own code systems (for codes no standard terminology has). */
    public String codeSystem(String name) {
        return url + "/CodeSystem/" + name;
    }
}
