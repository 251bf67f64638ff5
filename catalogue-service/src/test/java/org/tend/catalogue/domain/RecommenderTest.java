package org.tend.catalogue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tend.catalogue.domain.Fixtures.gad7;
import static org.tend.catalogue.domain.Fixtures.phq9;
import static org.tend.catalogue.domain.Fixtures.withSafetyConcern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecommenderTest {

    private final Recommender recommender = new Recommender(Fixtures.policy());
    private final Catalogue catalogue = Fixtures.catalogue();

    private RecommendationSet recommend(Preferences preferences, AssessmentOutcome... outcomes) {
        return recommender.recommend(List.of(outcomes), catalogue, preferences);
    }

    // ---- which level decides ----

    @ParameterizedTest(name = "PHQ-9 {0} + GAD-7 {1} → {2} decided by {3}")
    @CsvSource({
            "3,  3,  universal, phq-9",   // tie: the instrument listed first in the rules decides
            "3,  7,  step-1-2,  gad-7",
            "12, 7,  step-2,    phq-9",
            "12, 16, step-3,    gad-7",
            "17, 12, step-3,    phq-9",
            "17, 16, step-3,    phq-9",   // tie again
            "22, 21, step-4,    phq-9"})
    void theMostSevereLevelAcrossTheLatestOutcomesDecides(int phq, int gad, String level, String decidedBy) {
        RecommendationSet set = recommend(Preferences.none(), gad7(gad, "gad-band"), phq9(phq, "phq-band"));

        assertThat(set.level().code()).isEqualTo(level);
        assertThat(set.basis().outcome().instrumentId()).isEqualTo(decidedBy);
        assertThat(set.considered()).hasSize(2).first().isEqualTo(set.basis());
        assertThat(set.considered().get(0).level()).isGreaterThanOrEqualTo(set.considered().get(1).level());
    }

    @ParameterizedTest(name = "safety on {0} with PHQ-9 {1}, GAD-7 {2}")
    @CsvSource({"phq-9, 0, 0", "phq-9, 22, 21", "gad-7, 2, 3", "gad-7, 25, 21"})
    void aSafetyConcernOnAnyOutcomeMeansHumanReviewAndNoRecommendations(String flagged, int phq, int gad) {
        AssessmentOutcome phqOutcome = phq9(phq, "phq-band");
        AssessmentOutcome gadOutcome = gad7(gad, "gad-band");
        if (flagged.equals("phq-9")) {
            phqOutcome = withSafetyConcern(phqOutcome);
        } else {
            gadOutcome = withSafetyConcern(gadOutcome);
        }

        RecommendationSet set = recommend(Preferences.formats(Format.DIGITAL), phqOutcome, gadOutcome);

        assertThat(set.level()).isEqualTo(SteppedCareLevel.SAFETY);
        assertThat(set.recommendations()).isEmpty();
        assertThat(set.pathway()).hasValueSatisfying(marker -> {
            assertThat(marker.pathway()).isEqualTo(Pathway.HUMAN_REVIEW);
            assertThat(marker.reasonCode()).isEqualTo("safety-review-first");
            assertThat(marker.ruleId()).isEqualTo("safety-concern");
            assertThat(marker.reason()).contains("safety concern", flagged.toUpperCase(), "[rule safety-concern]");
        });
        assertThat(set.basis().outcome().instrumentId()).isEqualTo(flagged);
    }

    @Test
    void aSafetyConcernOnAnInstrumentWithoutRulesStillOverrides() {
        AssessmentOutcome pss = new AssessmentOutcome("pss-10", "1", "high", 30, true);

        RecommendationSet set = recommend(Preferences.none(), phq9(2, "minimal"), pss);

        assertThat(set.level()).isEqualTo(SteppedCareLevel.SAFETY);
        assertThat(set.recommendations()).isEmpty();
    }

    @Test
    void stepFourPutsTheSpecialistReferralFirst() {
        RecommendationSet set = recommend(Preferences.none(), phq9(23, "severe"));

        assertThat(set.level()).isEqualTo(SteppedCareLevel.STEP_4);
        assertThat(set.pathway()).hasValueSatisfying(marker -> {
            assertThat(marker.pathway()).isEqualTo(Pathway.SPECIALIST_REFERRAL);
            assertThat(marker.reasonCode()).isEqualTo("refer-specialist");
            assertThat(marker.reason()).isEqualTo("PHQ-9 total 23 (severe) is 20–27 → step-4; refer to a specialist"
                    + " service [rule phq-refer, specialist-referral]");
        });
        assertThat(set.interventionIds()).containsExactly("a-high-nice");
        assertThat(set.recommendations().get(0).reason()).contains("after referral");
        assertThat(set.recommendations().get(0).reasonCode()).isEqualTo("stepped-care.step-4.nice-recommended");
    }

    @Test
    void belowStepFourThereIsNoPathway() {
        assertThat(recommend(Preferences.none(), phq9(12, "moderate")).pathway()).isEmpty();
    }

    // ---- ranking ----

    @Test
    void ranksByEvidenceThenIntensityMatchThenId() {
        RecommendationSet set = recommend(Preferences.none(), phq9(12, "moderate"));

        assertThat(set.level()).isEqualTo(SteppedCareLevel.STEP_2);
        assertThat(set.interventionIds()).containsExactly(
                "b-low-nice",          // NICE, low = step 2's intensity; id before c
                "c-low-nice-digital",  // NICE, low
                "a-high-nice",         // NICE, high: one step from low
                "d-selfhelp-some",     // some evidence
                "e-low-limited",       // limited
                "f-low-insufficient"); // insufficient
        assertThat(set.recommendations()).extracting(Recommendation::rank).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void onlyInterventionsSuitableAtTheLevelAreRecommended() {
        RecommendationSet set = recommend(Preferences.none(), phq9(7, "mild"));

        assertThat(set.interventionIds()).containsExactly("u-universal");
        assertThat(set.recommendations()).allSatisfy(r ->
                assertThat(catalogue.find(r.interventionId()).orElseThrow().isSuitableAt(set.level())).isTrue());
    }

    @ParameterizedTest(name = "preferring {0}")
    @CsvSource(delimiter = '|', value = {
            "digital     | c-low-nice-digital, b-low-nice, a-high-nice, d-selfhelp-some, e-low-limited, f-low-insufficient",
            "group       | b-low-nice, c-low-nice-digital, a-high-nice, d-selfhelp-some, e-low-limited, f-low-insufficient",
            "self-guided | c-low-nice-digital, b-low-nice, a-high-nice, d-selfhelp-some, e-low-limited, f-low-insufficient",
            "individual  | b-low-nice, c-low-nice-digital, a-high-nice, d-selfhelp-some, e-low-limited, f-low-insufficient"})
    void aPreferredFormatBreaksTiesButNeverOutranksEvidenceOrIntensity(String format, String expected) {
        Preferences preferences = Preferences.formats(Format.fromCode(format.strip()).orElseThrow());

        RecommendationSet set = recommend(preferences, phq9(12, "moderate"));

        assertThat(set.interventionIds()).containsExactly(expected.split(",\\s*"));
    }

    @Test
    void theReasonSaysWhenThePreferredFormatMatches() {
        RecommendationSet set = recommend(Preferences.formats(Format.DIGITAL, Format.GROUP), phq9(12, "moderate"));

        assertThat(set.recommendations().get(0).reason())
                .contains("; offered in your preferred format (group)");
        assertThat(set.recommendations().get(2).reason()).doesNotContain("preferred format"); // a-high-nice: individual
    }

    @Test
    void noPreferencesAndNullPreferencesRankAlike() {
        assertThat(recommender.recommend(List.of(phq9(12, "moderate")), catalogue, null))
                .isEqualTo(recommend(Preferences.none(), phq9(12, "moderate")));
    }

    @Test
    void theSameInputAlwaysGivesTheSameSetWhateverTheOrderOfOutcomesAndCatalogue() {
        List<AssessmentOutcome> outcomes = List.of(phq9(12, "moderate"), gad7(11, "moderate"),
                new AssessmentOutcome("pss-10", "1", "high", 30, false));
        RecommendationSet expected = recommender.recommend(outcomes, catalogue, Preferences.formats(Format.DIGITAL));
        Random shuffler = new Random(42); // fixed seed: the test itself must be repeatable

        IntStream.range(0, 20).forEach(round -> {
            List<AssessmentOutcome> shuffledOutcomes = new ArrayList<>(outcomes);
            Collections.shuffle(shuffledOutcomes, shuffler);
            List<Intervention> shuffledEntries = new ArrayList<>(catalogue.interventions());
            Collections.shuffle(shuffledEntries, shuffler);

            assertThat(recommender.recommend(shuffledOutcomes, new Catalogue(catalogue.version(), shuffledEntries),
                    Preferences.formats(Format.DIGITAL))).isEqualTo(expected);
        });
    }

    // ---- reasons ----

    @ParameterizedTest(name = "PHQ-9 {0} ({1})")
    @CsvSource({"0, minimal", "7, mild", "12, moderate", "15, moderately-severe", "18, moderately-severe", "24, severe"})
    void everyRecommendationNamesItsRuleTheScoreAndTheBand(int total, String band) {
        RecommendationSet set = recommend(Preferences.none(), phq9(total, band));

        assertThat(set.recommendations()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.ruleId()).isEqualTo(set.basis().ruleId());
            assertThat(r.reason()).startsWith("PHQ-9 total " + total + " (" + band.replace('-', ' ') + ")")
                    .endsWith("[rule " + r.ruleId() + "]")
                    .contains(catalogue.find(r.interventionId()).orElseThrow().name());
            assertThat(r.reasonCode()).matches("stepped-care\\." + set.level().code()
                    + "\\.(nice-recommended|some-evidence|limited|insufficient)");
        });
    }

    @Test
    void theReasonCodeIsTheLevelAndTheEvidenceStrength() {
        RecommendationSet set = recommend(Preferences.none(), phq9(12, "moderate"));

        assertThat(set.recommendations()).extracting(Recommendation::reasonCode).containsExactly(
                "stepped-care.step-2.nice-recommended",
                "stepped-care.step-2.nice-recommended",
                "stepped-care.step-2.nice-recommended",
                "stepped-care.step-2.some-evidence",
                "stepped-care.step-2.limited",
                "stepped-care.step-2.insufficient");
        assertThat(set.recommendations().get(0).reason()).isEqualTo(
                "PHQ-9 total 12 (moderate) is 10–15 → step-2; Name of b-low-nice is NICE-recommended at this step"
                        + " [rule phq-less-severe]");
    }

    @Test
    void theSetCarriesBothDataVersions() {
        RecommendationSet set = recommend(Preferences.none(), phq9(12, "moderate"));

        assertThat(set.catalogueVersion()).isEqualTo(Fixtures.CATALOGUE_VERSION);
        assertThat(set.steppedCareVersion()).isEqualTo("1.0.0");
    }

    // ---- input faults ----

    @Test
    void outcomesOfInstrumentsWithoutRulesAreIgnored() {
        RecommendationSet set = recommend(Preferences.none(), phq9(12, "moderate"),
                new AssessmentOutcome("pss-10", "1", "high", 35, false));

        assertThat(set.considered()).extracting(d -> d.outcome().instrumentId()).containsExactly("phq-9");
    }

    @Test
    void nothingRoutableIsAnError() {
        assertThatThrownBy(() -> recommend(Preferences.none(), new AssessmentOutcome("pss-10", "1", "high", 35, false)))
                .isInstanceOf(UnroutableOutcomeException.class).hasMessageContaining("pss-10");
        assertThatThrownBy(() -> recommend(Preferences.none())).isInstanceOf(UnroutableOutcomeException.class);
    }

    @Test
    void twoOutcomesForOneInstrumentAreRejected() {
        assertThatThrownBy(() -> recommend(Preferences.none(), phq9(3, "minimal"), phq9(12, "moderate")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phq-9");
    }

    @Test
    void preferencesKeepEnumOrderAndIgnoreNull() {
        assertThat(new Preferences(Set.of(Format.DIGITAL, Format.INDIVIDUAL)).preferredFormats())
                .containsExactly(Format.INDIVIDUAL, Format.DIGITAL);
        assertThat(new Preferences(null).isEmpty()).isTrue();
    }
}
