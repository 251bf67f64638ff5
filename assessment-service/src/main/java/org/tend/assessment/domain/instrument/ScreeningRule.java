package org.tend.assessment.domain.instrument;

import java.util.List;

/**
 * A screener's follow-up: when the result falls in one of {@code positiveBands}, the screen is positive and
 * {@code instrumentId} becomes due (PHQ-2 ≥ 3 → PHQ-9). Positivity is stated through bands so that each threshold is
 * written once, in the bands.
 */
public record ScreeningRule(String instrumentId, List<String> positiveBands) {

    public ScreeningRule {
        positiveBands = positiveBands == null ? List.of() : List.copyOf(positiveBands);
    }

    public boolean isPositive(Band band) {
        return positiveBands.contains(band.code());
    }
}
