package org.tend.catalogue.domain.plan;

import java.util.Optional;
import org.tend.catalogue.domain.Codes;

/**
 * Why a care plan was adjusted or continued: a coded list, so that what changed and why can be counted and compared
 * without reading anyone's notes. A practitioner's own words go in the note, which stays in catalogue-service.
 */
public enum PlanReason {
    NO_RELIABLE_IMPROVEMENT("no-reliable-improvement"),
    RELIABLE_DETERIORATION("reliable-deterioration"),
    PARTICIPANT_PREFERENCE("participant-preference"),
    COMPLETED("completed"),
    NOT_ENGAGING("not-engaging"),
    OTHER("other");

    private final String code;

    PlanReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<PlanReason> fromCode(String code) {
        return Codes.find(PlanReason.class, PlanReason::code, code);
    }
}
