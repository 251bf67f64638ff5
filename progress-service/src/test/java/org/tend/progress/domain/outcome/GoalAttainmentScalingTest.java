package org.tend.progress.domain.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.progress.domain.outcome.GoalAttainmentScaling.WeightedLevel;

/** The GAS T-score and the test vectors of the clinical reference §5.2 (ρ = 0.3). */
class GoalAttainmentScalingTest {

    static List<WeightedLevel> goals(int[] levels, int[] weights) {
        List<WeightedLevel> goals = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            goals.add(new WeightedLevel(weights == null ? 1 : weights[i], levels[i]));
        }
        return goals;
    }

    static Stream<Arguments> referenceVectors() {
        return Stream.of(
                Arguments.of(new int[] {0, 0, 0}, null, 50.0),
                Arguments.of(new int[] {-1, -1, -1}, null, 36.3),
                Arguments.of(new int[] {2, 1, 0}, null, 63.7),
                Arguments.of(new int[] {-2, 0, -1, 2, 0, 1}, new int[] {3, 5, 1, 4, 2, 6}, 55.0));
    }

    @ParameterizedTest(name = "{0} weights {1} → {2}")
    @MethodSource("referenceVectors")
    void theReferenceTestVectors(int[] levels, int[] weights, double expected) {
        double t = GoalAttainmentScaling.tScore(goals(levels, weights), 0.3);

        assertThat(GoalAttainmentScaling.oneDecimal(t)).isEqualTo(expected);
    }

    /** §5.2: with equal weights the multiplier per point of Σx is 10.0, 6.20, 4.56, 3.63, 3.02 for n = 1…5. */
    @Test
    void theMultiplierPerPointForEqualWeights() {
        double[] multipliers = {10.0, 6.20, 4.56, 3.63, 3.02};
        for (int n = 1; n <= 5; n++) {
            int[] levels = new int[n];
            levels[0] = 1;
            double perPoint = GoalAttainmentScaling.tScore(goals(levels, null), 0.3) - 50;
            assertThat(Math.round(perPoint * 100) / 100.0).as("n = " + n).isEqualTo(multipliers[n - 1]);
        }
    }

    @Test
    void halvesRoundAwayFromZero() {
        assertThat(GoalAttainmentScaling.oneDecimal(63.65)).isEqualTo(63.7);
        assertThat(GoalAttainmentScaling.oneDecimal(36.35)).isEqualTo(36.4);
    }

    @Test
    void noGoalsOrABadLevelIsRefused() {
        assertThatThrownBy(() -> GoalAttainmentScaling.tScore(List.of(), 0.3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeightedLevel(1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeightedLevel(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goalBasedOutcomeIsTheLastRatingMinusTheFirst() {
        assertThat(GoalBasedOutcome.change(List.of())).isNull();
        assertThat(GoalBasedOutcome.change(List.of(4))).isZero();
        assertThat(GoalBasedOutcome.change(List.of(2, 7, 5))).isEqualTo(3);
        assertThat(GoalBasedOutcome.classify(List.of(2, 5), null)).isNull();
        assertThat(GoalBasedOutcome.classify(List.of(2, 5), 2.45))
                .isEqualTo(ChangeClassification.RELIABLE_IMPROVEMENT);
        assertThat(GoalBasedOutcome.classify(List.of(2, 4), 2.45)).isEqualTo(ChangeClassification.NO_RELIABLE_CHANGE);
        assertThat(GoalBasedOutcome.classify(List.of(6, 3), 2.45))
                .isEqualTo(ChangeClassification.RELIABLE_DETERIORATION);
    }
}
