package org.tend.catalogue.domain.plan;

/** Who acts on a care plan: a practitioner, or the participant taking up one of their recommendations. */
public enum PlanRole {
    PARTICIPANT("participant"),
    PRACTITIONER("practitioner");

    private final String code;

    PlanRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
