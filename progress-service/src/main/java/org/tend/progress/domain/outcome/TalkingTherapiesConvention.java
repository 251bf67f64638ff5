package org.tend.progress.domain.outcome;

import java.util.Objects;

/**
 * NHS Talking Therapies (formerly IAPT) outcome conventions over a depression and an anxiety measure (clinical
 * reference §6.3): caseness thresholds, reliable change in points on each, and whether reliable improvement
 * excludes a reliable deterioration on the other measure (the manual's clause, marked [U] in the clinical basis).
 */
public record TalkingTherapiesConvention(OutcomeMeasure depression, OutcomeMeasure anxiety,
                                         boolean deteriorationExclusion) {

    public TalkingTherapiesConvention {
        Objects.requireNonNull(depression, "depression");
        Objects.requireNonNull(anxiety, "anxiety");
        for (OutcomeMeasure measure : new OutcomeMeasure[] {depression, anxiety}) {
            if (measure.casenessAtOrAbove() == null) {
                throw new IllegalArgumentException(measure.instrumentId() + " has no caseness threshold");
            }
            if (measure.nhsTalkingTherapies().isEmpty()) {
                throw new IllegalArgumentException(measure.instrumentId()
                        + " has no nhs-talking-therapies method");
            }
        }
    }
}
