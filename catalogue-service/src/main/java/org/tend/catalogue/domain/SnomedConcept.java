package org.tend.catalogue.domain;

/** A SNOMED CT concept (code and preferred term) that classifies an intervention. */
public record SnomedConcept(String code, String display) {
    public SnomedConcept {
        Require.text(code, "SNOMED CT code");
        Require.text(display, "SNOMED CT display");
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("SNOMED CT code must be digits: " + code);
        }
    }
}
