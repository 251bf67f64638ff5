package org.tend.progress.domain.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tend.progress.domain.outcome.ChangeClassification.NOT_CLASSIFIED;
import static org.tend.progress.domain.outcome.ChangeClassification.NO_RELIABLE_CHANGE;
import static org.tend.progress.domain.outcome.ChangeClassification.RELIABLE_DETERIORATION;
import static org.tend.progress.domain.outcome.ChangeClassification.RELIABLE_IMPROVEMENT;
import static org.tend.progress.domain.outcome.OutcomeFixtures.GAD7;
import static org.tend.progress.domain.outcome.OutcomeFixtures.GAD7_JT_ALPHA;
import static org.tend.progress.domain.outcome.OutcomeFixtures.GAD7_JT_TEST_RETEST;
import static org.tend.progress.domain.outcome.OutcomeFixtures.PHQ9;
import static org.tend.progress.domain.outcome.OutcomeFixtures.PHQ9_JT_ALPHA;
import static org.tend.progress.domain.outcome.OutcomeFixtures.PHQ9_JT_TEST_RETEST;
import static org.tend.progress.domain.outcome.OutcomeFixtures.WHO5;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every classification boundary of the clinical basis, §3.5 and §6.1–§6.3. */
class ChangeClassifierTest {

    static Stream<Arguments> boundaries() {
        return Stream.of(
                // PHQ-9, NHS Talking Therapies (§6.3): a fall of ≥ 6 improves, a rise of ≥ 6 deteriorates.
                Arguments.of("PHQ-9 fall of 6", PHQ9, 17, 11, RELIABLE_IMPROVEMENT),
                Arguments.of("PHQ-9 fall of 5", PHQ9, 17, 12, NO_RELIABLE_CHANGE),
                Arguments.of("PHQ-9 fall of 27", PHQ9, 27, 0, RELIABLE_IMPROVEMENT),
                Arguments.of("PHQ-9 rise of 6", PHQ9, 10, 16, RELIABLE_DETERIORATION),
                Arguments.of("PHQ-9 rise of 5", PHQ9, 10, 15, NO_RELIABLE_CHANGE),
                Arguments.of("PHQ-9 unchanged", PHQ9, 14, 14, NO_RELIABLE_CHANGE),
                // GAD-7, NHS Talking Therapies (§6.3): 4 points.
                Arguments.of("GAD-7 fall of 4", GAD7, 12, 8, RELIABLE_IMPROVEMENT),
                Arguments.of("GAD-7 fall of 3", GAD7, 12, 9, NO_RELIABLE_CHANGE),
                Arguments.of("GAD-7 rise of 4", GAD7, 5, 9, RELIABLE_DETERIORATION),
                Arguments.of("GAD-7 rise of 3", GAD7, 5, 8, NO_RELIABLE_CHANGE),
                // WHO-5, 10 points on the percentage score, higher is better (§3.5).
                Arguments.of("WHO-5 up 10", WHO5, 40, 50, RELIABLE_IMPROVEMENT),
                Arguments.of("WHO-5 up 9", WHO5, 40, 49, NO_RELIABLE_CHANGE),
                Arguments.of("WHO-5 down 10", WHO5, 60, 50, RELIABLE_DETERIORATION),
                Arguments.of("WHO-5 down 9", WHO5, 60, 51, NO_RELIABLE_CHANGE),
                Arguments.of("WHO-5 up 12 (raw 3)", WHO5, 48, 60, RELIABLE_IMPROVEMENT),
                Arguments.of("WHO-5 up 8 (raw 2)", WHO5, 48, 56, NO_RELIABLE_CHANGE),
                // Jacobson–Truax with the §6.3 table's parameters: |RCI| > 1.96.
                Arguments.of("PHQ-9 J–T r .84: fall of 7", PHQ9.using(PHQ9_JT_TEST_RETEST), 17, 10,
                        RELIABLE_IMPROVEMENT),
                Arguments.of("PHQ-9 J–T r .84: fall of 6 (6.10 needed)", PHQ9.using(PHQ9_JT_TEST_RETEST), 17, 11,
                        NO_RELIABLE_CHANGE),
                Arguments.of("PHQ-9 J–T r .84: rise of 7", PHQ9.using(PHQ9_JT_TEST_RETEST), 10, 17,
                        RELIABLE_DETERIORATION),
                Arguments.of("PHQ-9 J–T α .89: fall of 6", PHQ9.using(PHQ9_JT_ALPHA), 17, 11, RELIABLE_IMPROVEMENT),
                Arguments.of("PHQ-9 J–T α .89: fall of 5", PHQ9.using(PHQ9_JT_ALPHA), 17, 12, NO_RELIABLE_CHANGE),
                Arguments.of("GAD-7 J–T α .92: fall of 4", GAD7.using(GAD7_JT_ALPHA), 12, 8, RELIABLE_IMPROVEMENT),
                Arguments.of("GAD-7 J–T α .92: fall of 3", GAD7.using(GAD7_JT_ALPHA), 12, 9, NO_RELIABLE_CHANGE),
                Arguments.of("GAD-7 J–T ICC .83: fall of 6", GAD7.using(GAD7_JT_TEST_RETEST), 12, 6,
                        RELIABLE_IMPROVEMENT),
                Arguments.of("GAD-7 J–T ICC .83: fall of 5", GAD7.using(GAD7_JT_TEST_RETEST), 12, 7,
                        NO_RELIABLE_CHANGE),
                // No standard RCI (§6.3 K10 [U]; none given for PSS-10, PHQ-2, GAD-2): never classified.
                Arguments.of("K10 fall of 20", OutcomeFixtures.K10, 40, 20, NOT_CLASSIFIED),
                Arguments.of("PSS-10 rise of 20", OutcomeFixtures.PSS10, 10, 30, NOT_CLASSIFIED),
                Arguments.of("PHQ-2 fall of 6", OutcomeFixtures.PHQ2, 6, 0, NOT_CLASSIFIED),
                Arguments.of("GAD-2 rise of 6", OutcomeFixtures.GAD2, 0, 6, NOT_CLASSIFIED),
                // A score outside the definition's range (another scoring slipped in) is not classified.
                Arguments.of("PHQ-9 score above 27", PHQ9, 27, 30, NOT_CLASSIFIED),
                Arguments.of("K10 US scoring 0–40", OutcomeFixtures.K10, 5, 30, NOT_CLASSIFIED));
    }

    @ParameterizedTest(name = "{0}: {2} → {3} is {4}")
    @MethodSource("boundaries")
    void classifiesEveryBoundary(String name, OutcomeMeasure measure, int first, int latest,
                                 ChangeClassification expected) {
        Change change = ChangeClassifier.classify(measure, first, latest);

        assertThat(change.classification()).isEqualTo(expected);
        assertThat(change.first()).isEqualTo(first);
        assertThat(change.latest()).isEqualTo(latest);
        assertThat(change.change()).isEqualTo(latest - first);
        assertThat(change.method()).isEqualTo(measure.method().kind());
        assertThat(change.rule()).isNotBlank();
        assertThat(change.rci() != null).isEqualTo(measure.method() instanceof ChangeMethod.JacobsonTruax
                && expected != NOT_CLASSIFIED);
    }

    /**
     * By hand, §6.1 with the §6.3 table's first row: S_diff = 5.5 × √2 × √(1 − 0.84) = 5.5 × 1.4142136 × 0.4
     * = 3.1112698; 1.96 × S_diff = 6.0980889 (the table's "6.1"); a fall of 7: RCI = −7 / 3.1112698 = −2.2498852.
     */
    @Test
    void theJacobsonTruaxIndexComputedByHand() {
        assertThat(PHQ9_JT_TEST_RETEST.sDiff()).isCloseTo(3.1112698, within(1e-6));
        assertThat(PHQ9_JT_TEST_RETEST.minimumReliableChange()).isCloseTo(6.0980889, within(1e-6));
        // GAD-7 rows of the table: S_diff 1.80 → 3.5; S_diff 2.62 → 5.1.
        assertThat(GAD7_JT_ALPHA.sDiff()).isCloseTo(1.8000000, within(1e-6));
        assertThat(GAD7_JT_ALPHA.minimumReliableChange()).isCloseTo(3.528, within(1e-6));
        assertThat(GAD7_JT_TEST_RETEST.sDiff()).isCloseTo(2.6239284, within(1e-6));
        // PHQ-9 α row: S_diff 2.58 → 5.1.
        assertThat(PHQ9_JT_ALPHA.sDiff()).isCloseTo(2.5797287, within(1e-6));

        Change fall = ChangeClassifier.classify(PHQ9.using(PHQ9_JT_TEST_RETEST), 17, 10);
        assertThat(fall.rci()).isCloseTo(-2.2498852, within(1e-6));
        assertThat(fall.method()).isEqualTo("jacobson-truax");
        assertThat(fall.rule()).contains("3.11").contains("5.5").contains("0.84").contains("1.96").contains("6.1");
        Change six = ChangeClassifier.classify(PHQ9.using(PHQ9_JT_TEST_RETEST), 17, 11);
        assertThat(six.rci()).isCloseTo(-1.9284730, within(1e-6));
    }

    @Test
    void theRuleNamesTheMethodAndItsThreshold() {
        assertThat(ChangeClassifier.classify(PHQ9, 17, 11).rule())
                .isEqualTo("NHS Talking Therapies: on PHQ-9 a fall of 6 or more points is reliable improvement, a"
                        + " rise of as much reliable deterioration (threshold 6)");
        assertThat(ChangeClassifier.classify(WHO5, 40, 50).rule())
                .isEqualTo("fixed threshold: on WHO-5 a rise of 10 or more points is reliable improvement, a fall of"
                        + " as much reliable deterioration (threshold 10)");
        assertThat(ChangeClassifier.classify(OutcomeFixtures.K10, 30, 20).rule())
                .isEqualTo("no standard reliable change index for K10");
        assertThat(ChangeClassifier.improvementNeeds(PHQ9, PHQ9.method())).isEqualTo("a fall of 6 or more points");
        assertThat(ChangeClassifier.improvementNeeds(WHO5, WHO5.method())).isEqualTo("a rise of 10 or more points");
        assertThat(ChangeClassifier.improvementNeeds(PHQ9, PHQ9_JT_TEST_RETEST))
                .isEqualTo("a fall of more than 6.1 points (|RCI| > 1.96)");
    }

    @Test
    void oneMeasureOrAnUndefinedInstrumentIsNotClassified() {
        Change single = ChangeClassifier.singleMeasure(PHQ9, 12);
        assertThat(single.classification()).isEqualTo(NOT_CLASSIFIED);
        assertThat(single.change()).isZero();
        assertThat(single.rule()).contains("one measure");

        Change undefined = ChangeClassifier.undefined("wemwbs", 40, 50);
        assertThat(undefined.classification()).isEqualTo(NOT_CLASSIFIED);
        assertThat(undefined.change()).isEqualTo(10);
        assertThat(undefined.method()).isEqualTo("none");
        assertThat(undefined.rule()).contains("no outcome definition for wemwbs");
    }
}
