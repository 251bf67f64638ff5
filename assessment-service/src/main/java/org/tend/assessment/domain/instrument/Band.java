package org.tend.assessment.domain.instrument;

/**
 * A score band, e.g. PHQ-9 15–19 "Moderately severe".
 *
 * @param code stable slug carried in events and used by stepped care, e.g. {@code moderately-severe}
 * @param label human-readable name
 * @param min lowest score in the band, inclusive
 * @param max highest score in the band, inclusive
 * @param basis whether {@code min}/{@code max} are on the raw or the scaled score
 */
public record Band(String code, String label, int min, int max, ScoreBasis basis) {

    public boolean contains(int score) {
        return score >= min && score <= max;
    }
}
