package org.tend.progress.domain.outcome;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instrument as an outcome measure: which way is better, the range of its published score, its caseness
 * threshold (if any), the change method in use and every documented alternative the data could switch to.
 *
 * @param casenessAtOrAbove a score at or above it is a clinical case (NHS Talking Therapies); null when none applies
 * @param methods           every option the data documents, the one in use among them
 */
public record OutcomeMeasure(String instrumentId, String displayName, Direction direction, ScoreRange range,
                             Integer casenessAtOrAbove, ChangeMethod method, List<ChangeMethod> methods) {

    public OutcomeMeasure {
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(method, "method");
        methods = List.copyOf(methods);
        if (!methods.contains(method)) {
            throw new IllegalArgumentException("the method in use must be one of the documented methods");
        }
        if (casenessAtOrAbove != null && !range.contains(casenessAtOrAbove)) {
            throw new IllegalArgumentException("caseness " + casenessAtOrAbove + " lies outside the range " + range);
        }
    }

    /** The NHS Talking Therapies convention of this instrument, whether or not it is the method in use. */
    public Optional<ChangeMethod.NhsTalkingTherapies> nhsTalkingTherapies() {
        return methods.stream().filter(m -> m instanceof ChangeMethod.NhsTalkingTherapies)
                .map(m -> (ChangeMethod.NhsTalkingTherapies) m).findFirst();
    }

    /** The same instrument classifying change with another of its documented methods. */
    public OutcomeMeasure using(ChangeMethod other) {
        return new OutcomeMeasure(instrumentId, displayName, direction, range, casenessAtOrAbove, other, methods);
    }
}
