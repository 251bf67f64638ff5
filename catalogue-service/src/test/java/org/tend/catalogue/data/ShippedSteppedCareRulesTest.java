package org.tend.catalogue.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tend.catalogue.domain.AssessmentOutcome;
import org.tend.catalogue.domain.LevelDecision;
import org.tend.catalogue.domain.SteppedCareLevel;
import org.tend.catalogue.domain.SteppedCarePolicy;
import org.tend.catalogue.domain.UnroutableOutcomeException;

/** The shipped stepped-care rules, boundary by boundary (clinical basis §3 bands, §5.5 mapping). */
class ShippedSteppedCareRulesTest {

    private static final SteppedCarePolicy POLICY = new CatalogueLoader().loadDefault().steppedCare();

    private static AssessmentOutcome outcome(String instrument, int total, String band) {
        return new AssessmentOutcome(instrument, "1", band, total, false);
    }

    @ParameterizedTest(name = "{0} {1} ({2}) → {3} [{4}]")
    @CsvSource({
            // PHQ-9: display bands 0–4/5–9/10–14/15–19/20–27; NG222 routes < 16 vs ≥ 16
            "phq-9, 0,   minimal,           universal, phq9-minimal",
            "phq-9, 4,   minimal,           universal, phq9-minimal",
            "phq-9, 5,   mild,              step-1-2,  phq9-mild",
            "phq-9, 9,   mild,              step-1-2,  phq9-mild",
            "phq-9, 10,  moderate,          step-2,    phq9-less-severe",
            "phq-9, 14,  moderate,          step-2,    phq9-less-severe",
            "phq-9, 15,  moderately-severe, step-2,    phq9-less-severe", // band says moderately severe; NG222 says less severe
            "phq-9, 16,  moderately-severe, step-3,    phq9-more-severe",
            "phq-9, 19,  moderately-severe, step-3,    phq9-more-severe",
            "phq-9, 20,  severe,            step-4,    phq9-severe-refer",
            "phq-9, 27,  severe,            step-4,    phq9-severe-refer",
            // GAD-7: bands 0–4/5–9/10–14/15–21; steps are the clinical basis' [U] design suggestion
            "gad-7, 0,   minimal,           universal, gad7-minimal",
            "gad-7, 4,   minimal,           universal, gad7-minimal",
            "gad-7, 5,   mild,              step-1-2,  gad7-mild",
            "gad-7, 9,   mild,              step-1-2,  gad7-mild",
            "gad-7, 10,  moderate,          step-2,    gad7-moderate",
            "gad-7, 14,  moderate,          step-2,    gad7-moderate",
            "gad-7, 15,  severe,            step-3,    gad7-severe",
            "gad-7, 21,  severe,            step-3,    gad7-severe",
            // WHO-5 percentage: ≤ 28 likely depression, ≤ 50 poor wellbeing, > 50 wellbeing
            "who-5, 0,   likely-depression, step-2,    who5-likely-depression",
            "who-5, 28,  likely-depression, step-2,    who5-likely-depression",
            "who-5, 29,  poor-wellbeing,    step-1-2,  who5-poor-wellbeing",
            "who-5, 32,  poor-wellbeing,    step-1-2,  who5-poor-wellbeing",
            "who-5, 50,  poor-wellbeing,    step-1-2,  who5-poor-wellbeing",
            "who-5, 51,  good-wellbeing,    universal, who5-wellbeing",
            "who-5, 52,  good-wellbeing,    universal, who5-wellbeing",
            "who-5, 100, good-wellbeing,    universal, who5-wellbeing"})
    void everyBandBoundaryRoutesToItsLevel(String instrument, int total, String band, String level, String ruleId) {
        LevelDecision decision = POLICY.decide(outcome(instrument, total, band));

        assertThat(decision.level().code()).isEqualTo(level);
        assertThat(decision.ruleId()).isEqualTo(ruleId);
        assertThat(decision.reason()).contains(Integer.toString(total), band.replace('-', ' '));
    }

    @ParameterizedTest(name = "safety concern with {0} total {1}")
    @CsvSource({"phq-9, 0", "phq-9, 9", "phq-9, 16", "phq-9, 27", "gad-7, 0", "gad-7, 21", "who-5, 100", "who-5, 0"})
    void aSafetyConcernOverridesEveryScore(String instrument, int total) {
        LevelDecision decision = POLICY.decide(new AssessmentOutcome(instrument, "1", "any", total, true));

        assertThat(decision.level()).isEqualTo(SteppedCareLevel.SAFETY);
        assertThat(decision.ruleId()).isEqualTo("safety-concern");
        assertThat(decision.reason()).contains("same-day human review");
    }

    @Test
    void phq9KeepsBothTheDisplayBandsAndTheNiceThresholdOf16() {
        assertThat(POLICY.decide(outcome("phq-9", 15, "moderately-severe")).reason())
                .isEqualTo("PHQ-9 total 15 (moderately severe) is 10–15, below 16: NICE NG222 'less severe depression'"
                        + " → step 2 low-intensity (step 3 if no response)");
        assertThat(POLICY.decide(outcome("phq-9", 17, "moderately-severe")).reason())
                .isEqualTo("PHQ-9 total 17 (moderately severe) is at or above 16: NICE NG222 'more severe depression'"
                        + " → step 3 high-intensity");
    }

    @Test
    void gad7ReasonsSayTheMappingIsNotNice() {
        assertThat(POLICY.decide(outcome("gad-7", 12, "moderate")).reason()).contains("local design choice, not NICE");
    }

    @Test
    void who5IsReadAsAPercentage() {
        assertThat(POLICY.instrument("who-5")).hasValueSatisfying(who5 -> {
            assertThat(who5.minScore()).isZero();
            assertThat(who5.maxScore()).isEqualTo(100);
        });
        assertThat(POLICY.decide(outcome("who-5", 24, "likely-depression")).reason()).startsWith("WHO-5 24% ");
    }

    @ParameterizedTest
    @CsvSource({"phq-9, -1", "phq-9, 28", "gad-7, 22", "who-5, 101"})
    void totalsOutsideTheScaleAreRefused(String instrument, int total) {
        assertThatThrownBy(() -> POLICY.decide(outcome(instrument, total, "band")))
                .isInstanceOf(UnroutableOutcomeException.class);
    }

    @Test
    void theRulesAreVersioned() {
        assertThat(POLICY.version()).isEqualTo("1.1.0");
        assertThat(POLICY.safetyRule().reasonCode()).isEqualTo("safety-review-first");
        assertThat(POLICY.referralRule().reasonCode()).isEqualTo("refer-specialist");
    }
}
