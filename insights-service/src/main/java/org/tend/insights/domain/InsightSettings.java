package org.tend.insights.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tend.insights.privacy.Epsilon;
import org.tend.insights.privacy.PrivacySettings;

/**
 * What an administrator sets for a programme's insights.
 *
 * @param eligibleHeadcounts   people eligible to enrol, per cohort (department), for uptake as a percentage; a cohort
 *                             without one shows no percentage, nor does the programme unless every cohort has one
 * @param noise                noise mode on or off (off by default)
 * @param epsilonPerFigure     ε one figure costs an HR user in noise mode
 * @param monthlyBudget        ε one HR user may spend on the programme in one calendar month
 * @param reassessmentInterval how soon a completed questionnaire is due again (default 28 days)
 */
public record InsightSettings(Map<String, Integer> eligibleHeadcounts, boolean noise, Epsilon epsilonPerFigure,
                              Epsilon monthlyBudget, Duration reassessmentInterval) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(28);
    public static final Epsilon DEFAULT_PER_FIGURE = Epsilon.of("0.1");
    public static final Epsilon DEFAULT_MONTHLY_BUDGET = Epsilon.of("5");

    public InsightSettings {
        eligibleHeadcounts = eligibleHeadcounts == null ? Map.of() : new TreeMap<>(eligibleHeadcounts);
        Objects.requireNonNull(epsilonPerFigure, "epsilonPerFigure");
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        Objects.requireNonNull(reassessmentInterval, "reassessmentInterval");
    }

    public static InsightSettings defaults() {
        return new InsightSettings(Map.of(), false, DEFAULT_PER_FIGURE, DEFAULT_MONTHLY_BUDGET, DEFAULT_INTERVAL);
    }

    /** The privacy planner's settings for a programme of minimum group size k. */
    public PrivacySettings privacy(int minimumGroupSize) {
        int k = Math.max(minimumGroupSize, PrivacySettings.LEAST_GROUP_SIZE);
        return noise ? new PrivacySettings(k, PrivacySettings.Noise.on(epsilonPerFigure, monthlyBudget))
                : PrivacySettings.exact(k);
    }
}
