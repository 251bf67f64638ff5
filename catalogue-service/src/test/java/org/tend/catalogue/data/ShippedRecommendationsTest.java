package org.tend.catalogue.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.catalogue.domain.AssessmentOutcome;
import org.tend.catalogue.domain.Catalogue;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.Pathway;
import org.tend.catalogue.domain.Preferences;
import org.tend.catalogue.domain.Recommendation;
import org.tend.catalogue.domain.RecommendationSet;
import org.tend.catalogue.domain.Recommender;
import org.tend.catalogue.domain.SteppedCareLevel;

/** The recommender over the shipped data: the rankings a clinician reviewing v1 would see. */
class ShippedRecommendationsTest {

    private static final LoadedCatalogue SHIPPED = new CatalogueLoader().loadDefault();
    private static final Catalogue CATALOGUE = SHIPPED.catalogue();
    private static final Recommender RECOMMENDER = SHIPPED.recommender();

    private static RecommendationSet recommend(Preferences preferences, AssessmentOutcome... outcomes) {
        return RECOMMENDER.recommend(List.of(outcomes), CATALOGUE, preferences);
    }

    private static AssessmentOutcome outcome(String instrument, int total, String band) {
        return new AssessmentOutcome(instrument, "1", band, total, false);
    }

    @Test
    void moreSevereDepressionGetsHighIntensityTherapyFirst() {
        RecommendationSet set = recommend(Preferences.none(), outcome("phq-9", 17, "moderately-severe"));

        assertThat(set.level()).isEqualTo(SteppedCareLevel.STEP_3);
        assertThat(set.interventionIds()).containsExactly(
                "behavioural-activation", "cbt", "counselling", "ipt",   // NICE, high intensity
                "problem-solving-therapy", "relaxation",                 // NICE, low intensity
                "exposure-therapy", "music-therapy",                     // some evidence, high
                "art-therapy", "dbt-skills");                            // limited, high
        Recommendation cbt = set.recommendations().get(1);
        assertThat(cbt.reasonCode()).isEqualTo("stepped-care.step-3.nice-recommended");
        assertThat(cbt.reason()).isEqualTo("PHQ-9 total 17 (moderately severe) is at or above 16: NICE NG222 'more"
                + " severe depression' → step 3 high-intensity; Cognitive behavioural therapy (CBT) is NICE-recommended"
                + " at this step [rule phq9-more-severe]");
    }

    @Test
    void theMostSevereOfSeveralInstrumentsDecides() {
        RecommendationSet set = recommend(Preferences.none(), outcome("phq-9", 3, "minimal"),
                outcome("gad-7", 12, "moderate"), outcome("who-5", 64, "good-wellbeing"));

        assertThat(set.level()).isEqualTo(SteppedCareLevel.STEP_2);
        assertThat(set.basis().ruleId()).isEqualTo("gad7-moderate");
        assertThat(set.considered()).extracting(d -> d.level().code())
                .containsExactly("step-2", "universal", "universal");
        assertThat(set.recommendations()).allSatisfy(r -> assertThat(r.reason()).startsWith("GAD-7 total 12 (moderate)"));
    }

    @Test
    void aSafetyConcernLeavesOnlyTheHumanReview() {
        AssessmentOutcome flagged = new AssessmentOutcome("phq-9", "1", "mild", 6, true);

        RecommendationSet set = recommend(Preferences.formats(Format.DIGITAL), flagged, outcome("gad-7", 3, "minimal"));

        assertThat(set.level()).isEqualTo(SteppedCareLevel.SAFETY);
        assertThat(set.recommendations()).isEmpty();
        assertThat(set.pathway()).hasValueSatisfying(marker -> {
            assertThat(marker.pathway()).isEqualTo(Pathway.HUMAN_REVIEW);
            assertThat(marker.reasonCode()).isEqualTo("safety-review-first");
            assertThat(marker.reason()).startsWith("A safety concern was raised: the safety pathway overrides");
        });
    }

    @Test
    void severeDepressionIsReferredFirst() {
        RecommendationSet set = recommend(Preferences.none(), outcome("phq-9", 22, "severe"));

        assertThat(set.level()).isEqualTo(SteppedCareLevel.STEP_4);
        assertThat(set.pathway()).hasValueSatisfying(marker -> assertThat(marker.reasonCode())
                .isEqualTo("refer-specialist"));
        assertThat(set.interventionIds()).containsExactly("behavioural-activation", "cbt", "ipt", "dbt-skills");
    }

    @Test
    void mildDifficultiesGetSelfHelpFirstAndAPreferenceReordersTies() {
        AssessmentOutcome mild = outcome("phq-9", 7, "mild");

        assertThat(recommend(Preferences.none(), mild).interventionIds()).startsWith(
                "digital-cbt", "psychoeducation",                       // NICE, self-help
                "guided-self-help", "physical-activity", "problem-solving-therapy", "relaxation"); // NICE, low
        assertThat(recommend(Preferences.formats(Format.GROUP), mild).interventionIds()).startsWith(
                "psychoeducation", "digital-cbt",
                "physical-activity", "problem-solving-therapy", "relaxation", "guided-self-help");
    }

    @Test
    void wellbeingOnlyGetsUniversalOptionsWithPeerSupportLast() {
        RecommendationSet set = recommend(Preferences.none(), outcome("who-5", 76, "good-wellbeing"));

        assertThat(set.level()).isEqualTo(SteppedCareLevel.UNIVERSAL);
        assertThat(set.interventionIds()).first().isEqualTo("psychoeducation");
        assertThat(set.interventionIds()).last().isEqualTo("peer-support");
    }
}
