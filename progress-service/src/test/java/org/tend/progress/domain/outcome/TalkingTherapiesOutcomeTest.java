package org.tend.progress.domain.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.progress.domain.outcome.TalkingTherapiesOutcome.Recovery.MET;
import static org.tend.progress.domain.outcome.TalkingTherapiesOutcome.Recovery.NOT_APPLICABLE;
import static org.tend.progress.domain.outcome.TalkingTherapiesOutcome.Recovery.NOT_MET;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.progress.domain.outcome.TalkingTherapiesOutcome.Recovery;
import org.tend.progress.domain.outcome.TalkingTherapiesOutcome.Scores;

/**
 * NHS Talking Therapies (clinical basis §6.3): caseness PHQ-9 ≥ 10 or GAD-7 ≥ 8 at the first measure; reliable
 * improvement a fall of ≥ 6 / ≥ 4 (and, with the exclusion clause, no reliable deterioration on the other);
 * recovery below caseness on both at the last; reliable recovery both.
 */
class TalkingTherapiesOutcomeTest {

    static Scores s(int first, int latest) {
        return new Scores(first, latest);
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                // name, exclusion, PHQ-9, GAD-7, case at first, reliable improvement, reliable deterioration,
                // recovery, reliable recovery
                Arguments.of("caseness: PHQ-9 9 and GAD-7 7 is not a case", true, s(9, 2), s(7, 1),
                        false, true, false, NOT_APPLICABLE, NOT_APPLICABLE),
                Arguments.of("caseness: PHQ-9 10 is a case", true, s(10, 4), s(7, 6),
                        true, true, false, MET, MET),
                Arguments.of("caseness: GAD-7 8 is a case", true, s(9, 9), s(8, 7),
                        true, false, false, MET, NOT_MET),
                Arguments.of("caseness: GAD-7 7 and PHQ-9 9 at first, whatever comes later", true, s(9, 20),
                        s(7, 15), false, false, true, NOT_APPLICABLE, NOT_APPLICABLE),
                Arguments.of("17 → 9 and 12 → 5: both improve, both below caseness", true, s(17, 9), s(12, 5),
                        true, true, false, MET, MET),
                Arguments.of("recovered without reliable improvement (PHQ-9 12 → 9)", true, s(12, 9), s(6, 6),
                        true, false, false, MET, NOT_MET),
                Arguments.of("reliable improvement without recovery (PHQ-9 20 → 12 stays ≥ 10)", true, s(20, 12),
                        s(10, 9), true, true, false, NOT_MET, NOT_MET),
                Arguments.of("recovery needs both below caseness (GAD-7 still 8)", true, s(15, 8), s(10, 8),
                        true, true, false, NOT_MET, NOT_MET),
                Arguments.of("exclusion: PHQ-9 improves, GAD-7 reliably deteriorates 2 → 6", true, s(15, 8),
                        s(2, 6), true, false, true, MET, NOT_MET),
                Arguments.of("no exclusion: the same counts as reliable improvement", false, s(15, 8),
                        s(2, 6), true, true, true, MET, MET),
                Arguments.of("GAD-7 rise of 3 is no deterioration: the exclusion does not bite", true, s(15, 8),
                        s(2, 5), true, true, false, MET, MET),
                Arguments.of("deterioration into caseness 5 → 9 on GAD-7", true, s(15, 8), s(5, 9),
                        true, false, true, NOT_MET, NOT_MET),
                Arguments.of("only PHQ-9 measured: 14 → 7", true, s(14, 7), null,
                        true, true, false, MET, MET),
                Arguments.of("only GAD-7 measured: 8 → 7", true, null, s(8, 7),
                        true, false, false, MET, NOT_MET),
                Arguments.of("one measure each: a case stays a case", true, s(12, 12), s(9, 9),
                        true, false, false, NOT_MET, NOT_MET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void talkingTherapiesOutcome(String name, boolean exclusion, Scores phq9, Scores gad7, boolean caseAtFirst,
                                 boolean improvement, boolean deterioration, Recovery recovery,
                                 Recovery reliableRecovery) {
        TalkingTherapiesOutcome outcome = TalkingTherapiesOutcome.assess(
                OutcomeFixtures.measures(exclusion).talkingTherapies(), phq9, gad7).orElseThrow();

        assertThat(outcome.caseAtFirst()).as("case at first").isEqualTo(caseAtFirst);
        assertThat(outcome.reliableImprovement()).as("reliable improvement").isEqualTo(improvement);
        assertThat(outcome.reliableDeterioration()).as("reliable deterioration").isEqualTo(deterioration);
        assertThat(outcome.recovery()).as("recovery").isEqualTo(recovery);
        assertThat(outcome.reliableRecovery()).as("reliable recovery").isEqualTo(reliableRecovery);
        assertThat(outcome.deteriorationExclusion()).isEqualTo(exclusion);
        assertThat(outcome.measures()).hasSize((phq9 == null ? 0 : 1) + (gad7 == null ? 0 : 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void eachMeasureShowsItsCasenessAndThreshold(String name, boolean exclusion, Scores phq9, Scores gad7,
                                                 boolean caseAtFirst, boolean improvement, boolean deterioration,
                                                 Recovery recovery, Recovery reliableRecovery) {
        TalkingTherapiesOutcome outcome = TalkingTherapiesOutcome.assess(
                OutcomeFixtures.measures(exclusion).talkingTherapies(), phq9, gad7).orElseThrow();

        for (TalkingTherapiesOutcome.MeasureOutcome m : outcome.measures()) {
            boolean depression = m.instrumentId().equals("phq-9");
            assertThat(m.role()).isEqualTo(depression ? "depression" : "anxiety");
            assertThat(m.casenessAtOrAbove()).isEqualTo(depression ? 10 : 8);
            assertThat(m.reliableChange()).isEqualTo(depression ? 6 : 4);
            assertThat(m.caseAtFirst()).isEqualTo(m.first() >= m.casenessAtOrAbove());
            assertThat(m.caseAtLatest()).isEqualTo(m.latest() >= m.casenessAtOrAbove());
            assertThat(m.change()).isEqualTo(m.latest() - m.first());
        }
    }

    @org.junit.jupiter.api.Test
    void neitherMeasuredGivesNoOutcome() {
        assertThat(TalkingTherapiesOutcome.assess(OutcomeFixtures.MEASURES.talkingTherapies(), null, null))
                .isEmpty();
    }

    /** The NHS thresholds decide this block even when the instrument's own change uses another method. */
    @org.junit.jupiter.api.Test
    void theNhsThresholdsDecideWhateverMethodTheInstrumentUses() {
        OutcomeMeasure jt = OutcomeFixtures.PHQ9.using(OutcomeFixtures.PHQ9_JT_TEST_RETEST);
        TalkingTherapiesConvention convention = new TalkingTherapiesConvention(jt, OutcomeFixtures.GAD7, true);

        // A fall of 6: reliable for NHS Talking Therapies, not for J–T with r = .84 (needs more than 6.10).
        TalkingTherapiesOutcome outcome = TalkingTherapiesOutcome.assess(convention, s(17, 11), null).orElseThrow();
        assertThat(outcome.reliableImprovement()).isTrue();
        assertThat(ChangeClassifier.classify(jt, 17, 11).classification())
                .isEqualTo(ChangeClassification.NO_RELIABLE_CHANGE);
    }
}
