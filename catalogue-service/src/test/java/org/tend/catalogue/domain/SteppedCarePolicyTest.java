package org.tend.catalogue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tend.catalogue.domain.Fixtures.rule;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SteppedCarePolicyTest {

    private final SteppedCarePolicy policy = Fixtures.policy();

    @ParameterizedTest(name = "{0} total {1} → {2} by {3}")
    @CsvSource({
            "phq-9, 0,  universal, phq-universal",
            "phq-9, 4,  universal, phq-universal",
            "phq-9, 5,  step-1-2,  phq-mild",
            "phq-9, 15, step-2,    phq-less-severe",
            "phq-9, 16, step-3,    phq-more-severe",
            "phq-9, 27, step-4,    phq-refer",
            "gad-7, 14, step-2,    gad-moderate",
            "gad-7, 15, step-3,    gad-severe"})
    void routesTheTotalToTheOneRuleWhoseRangeHoldsIt(String instrument, int total, String level, String ruleId) {
        LevelDecision decision = policy.decide(new AssessmentOutcome(instrument, "1", "some-band", total, false));

        assertThat(decision.level().code()).isEqualTo(level);
        assertThat(decision.ruleId()).isEqualTo(ruleId);
        assertThat(policy.levelFor(decision.outcome())).isEqualTo(decision.level());
    }

    @ParameterizedTest(name = "safety concern with {0} total {1} → safety")
    @CsvSource({"phq-9, 0", "phq-9, 4", "phq-9, 16", "phq-9, 27", "gad-7, 0", "gad-7, 21", "pss-10, 12"})
    void aSafetyConcernOverridesEveryScoreAndEveryInstrument(String instrument, int total) {
        LevelDecision decision = policy.decide(new AssessmentOutcome(instrument, "1", "any", total, true));

        assertThat(decision.level()).isEqualTo(SteppedCareLevel.SAFETY);
        assertThat(decision.ruleId()).isEqualTo("safety-concern");
    }

    @Test
    void theReasonNamesTheInstrumentTheTotalAndTheBandInWords() {
        LevelDecision decision = policy.decide(Fixtures.phq9(17, "moderately-severe"));

        assertThat(decision.reason()).isEqualTo("PHQ-9 total 17 (moderately severe) is 16–19 → step-3");
    }

    @Test
    void anInstrumentWithoutRulesCannotBeRouted() {
        AssessmentOutcome pss = new AssessmentOutcome("pss-10", "1", "moderate", 20, false);

        assertThat(policy.routes(pss)).isFalse();
        assertThatThrownBy(() -> policy.decide(pss)).isInstanceOf(UnroutableOutcomeException.class)
                .hasMessageContaining("pss-10");
    }

    @ParameterizedTest
    @CsvSource({"phq-9, -1", "phq-9, 28", "gad-7, 22"})
    void aTotalOutsideTheInstrumentsRangeCannotBeRouted(String instrument, int total) {
        AssessmentOutcome outcome = new AssessmentOutcome(instrument, "1", "band", total, false);

        assertThatThrownBy(() -> policy.decide(outcome)).isInstanceOf(UnroutableOutcomeException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void rulesWithAGapAreRejected() {
        List<SteppedCareRule> rules = new ArrayList<>(Fixtures.rules());
        rules.removeIf(r -> r.id().equals("phq-mild"));

        assertThatThrownBy(() -> policyWith(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gap in phq-9: totals 5..9");
    }

    @Test
    void rulesThatOverlapAreRejected() {
        List<SteppedCareRule> rules = new ArrayList<>(Fixtures.rules());
        rules.add(rule("phq-extra", "phq-9", 9, 10, SteppedCareLevel.STEP_2));

        assertThatThrownBy(() -> policyWith(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap in phq-9");
    }

    @Test
    void aRuleForAnUnknownInstrumentIsRejected() {
        List<SteppedCareRule> rules = new ArrayList<>(Fixtures.rules());
        rules.add(rule("k10-any", "k10", 10, 50, SteppedCareLevel.STEP_2));

        assertThatThrownBy(() -> policyWith(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown instrument k10");
    }

    @Test
    void aRuleCannotRouteToSafety() {
        assertThatThrownBy(() -> rule("phq-safety", "phq-9", 20, 27, SteppedCareLevel.SAFETY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("safety flag");
    }

    @Test
    void everyStepOfCareNeedsGuidance() {
        List<LevelGuidance> levels = Fixtures.levels().subList(0, 4);

        assertThatThrownBy(() -> new SteppedCarePolicy("1.0.0", levels, Fixtures.safetyRule(),
                Fixtures.referralRule(), Fixtures.instruments(), Fixtures.rules()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("levels must describe");
    }

    @Test
    void theSafetyAndReferralRulesMustLeadToTheirOwnPathways() {
        assertThatThrownBy(() -> new SteppedCarePolicy("1.0.0", Fixtures.levels(), Fixtures.referralRule(),
                Fixtures.referralRule(), Fixtures.instruments(), Fixtures.rules()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("human-review");
    }

    private static SteppedCarePolicy policyWith(List<SteppedCareRule> rules) {
        return new SteppedCarePolicy("1.0.0", Fixtures.levels(), Fixtures.safetyRule(), Fixtures.referralRule(),
                Fixtures.instruments(), rules);
    }
}
