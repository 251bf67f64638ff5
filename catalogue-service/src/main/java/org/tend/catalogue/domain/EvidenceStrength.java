package org.tend.catalogue.domain;

import java.util.Optional;

/** Strength of evidence behind an intervention, strongest first (declaration order is the ranking order). */
public enum EvidenceStrength {
    NICE_RECOMMENDED("nice-recommended", "NICE-recommended"),
    SOME_EVIDENCE("some-evidence", "supported by some evidence"),
    LIMITED("limited", "backed by limited evidence"),
    INSUFFICIENT("insufficient", "offered by preference only (insufficient evidence)");

    private final String code;
    private final String phrase;

    EvidenceStrength(String code, String phrase) {
        this.code = code;
        this.phrase = phrase;
    }

    public String code() {
        return code;
    }

    /** Words for a reason sentence: "CBT is {phrase} at this step". */
    public String phrase() {
        return phrase;
    }

    public static Optional<EvidenceStrength> fromCode(String code) {
        return Codes.find(EvidenceStrength.class, EvidenceStrength::code, code);
    }
}
