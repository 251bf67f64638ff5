package org.tend.catalogue.domain.plan;

import java.util.Optional;
import org.tend.catalogue.domain.Codes;

/** What an adjustment of a care plan changes. */
public enum PlanChange {
    /** One stepped-care level up (more intensive care). */
    STEP_UP("step-up"),
    /** One stepped-care level down. */
    STEP_DOWN("step-down"),
    /** An intervention begins. */
    ADD("add"),
    /** One intervention ends and another begins in its place. */
    SWITCH("switch"),
    /** An intervention ends. */
    STOP("stop");

    private final String code;

    PlanChange(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<PlanChange> fromCode(String code) {
        return Codes.find(PlanChange.class, PlanChange::code, code);
    }
}
