package org.tend.insights.privacy;

import java.util.Locale;

/**
 * Why a value is withheld. Every withheld value carries exactly one rule: the first that withheld it.
 * {@link #code()} is the stable name the API shows ({@code threshold}, {@code complementary}, ...).
 */
public enum Rule {
    /** Computed over 1 to k−1 participants (a count, a cell), or a mean, rate or distribution over fewer than k. */
    THRESHOLD,
    /** Withheld so that no total, margin or sum of released values recovers another withheld value. */
    COMPLEMENTARY,
    /** All but fewer than k members fall in one category (or at one end of a sum's range). */
    HOMOGENEITY,
    /** Its population differs from an earlier released one (or a derived margin) by 1 to k−1 participants. */
    DIFFERENCING,
    /** Noise mode: the asking HR user's privacy budget for the month cannot pay for it. */
    BUDGET;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
