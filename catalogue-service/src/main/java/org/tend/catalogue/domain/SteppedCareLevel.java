package org.tend.catalogue.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Stepped-care levels, least to most severe (declaration order is severity). {@link #SAFETY} is not a step of care:
 * it means a safety concern was raised, which overrides every automated recommendation.
 */
public enum SteppedCareLevel {
    UNIVERSAL("universal"),
    STEP_1_2("step-1-2"),
    STEP_2("step-2"),
    STEP_3("step-3"),
    STEP_4("step-4"),
    SAFETY("safety");

    private final String code;

    SteppedCareLevel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The levels an intervention can be suitable at: every level except {@link #SAFETY}. */
    public static List<SteppedCareLevel> stepsOfCare() {
        return Arrays.stream(values()).filter(l -> l != SAFETY).toList();
    }

    public static Optional<SteppedCareLevel> fromCode(String code) {
        return Codes.find(SteppedCareLevel.class, SteppedCareLevel::code, code);
    }
}
