package org.tend.goal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The GAS T-score against the clinical basis's vectors (§7.2) and the scale's bounds. */
class GasScoreTest {

    @ParameterizedTest(name = "levels ({0}) weights ({1}) → T = {2}")
    @CsvSource(delimiter = ';', value = {
            // docs/clinical-basis.md §7.2 test vectors
            "0 0 0;            1 1 1;        50.0",
            "-1 -1 -1;         1 1 1;        36.3",
            "2 1 0;            1 1 1;        63.7",
            "-2 0 -1 2 0 1;    3 5 1 4 2 6;  55.0", // gasr calc_tscore example
            // one goal: T = 50 + 10x
            "-2;               1;            30.0",
            "2;                7;            70.0",
            // equal weights: 10·Σx / sqrt(0.7n + 0.3n²), multiplier 6.20 for n = 2
            "1 1;              1 1;          62.4",
            "-2 -2 -2;         1 1 1;        22.6",
            "2 2 2;            1 1 1;        77.4",
            // weights decide whose level counts more
            "2 -2;             3 1;          61.6",
            "2 -2;             1 3;          38.4",
    })
    void theTScoreOfTheReferenceVectors(String levels, String weights, double expected) {
        assertThat(GasScore.oneDecimal(GasScore.CONVENTIONAL.tScore(goals(levels, weights)))).isEqualTo(expected);
    }

    @Test
    void theWeightedReferenceVectorIsExactly55() {
        // Σwx = 7, sqrt(0.7·91 + 0.3·441) = sqrt(196) = 14: T = 50 + 70/14.
        assertThat(GasScore.CONVENTIONAL.tScore(goals("-2 0 -1 2 0 1", "3 5 1 4 2 6"))).isCloseTo(55.0, within(1e-9));
    }

    @Test
    void rhoIsConfigurable() {
        List<GasScore.WeightedLevel> goals = goals("1 1", "1 1");
        // ρ = 0: independent goals, 10·2/sqrt(2); ρ = 1: one goal counted twice, 10·2/2.
        assertThat(new GasScore(0.0).tScore(goals)).isCloseTo(50 + 20 / Math.sqrt(2), within(1e-9));
        assertThat(new GasScore(1.0).tScore(goals)).isCloseTo(60.0, within(1e-9));
        assertThat(new GasScore(0.3).rho()).isEqualTo(GasScore.CONVENTIONAL_RHO);
        assertThat(GasScore.CONVENTIONAL.rho()).isEqualTo(0.3);
    }

    @ParameterizedTest(name = "rho {0} is refused")
    @ValueSource(doubles = {-0.1, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void rhoIsACorrelationFrom0To1(double rho) {
        assertThatThrownBy(() -> new GasScore(rho)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thereIsNoTScoreWithoutARatedGoal() {
        assertThatThrownBy(() -> GasScore.CONVENTIONAL.tScore(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "level {0}: on the scale {1}, a baseline {2}")
    @CsvSource({"-3, false, false", "-2, true, true", "-1, true, true", "0, true, false", "1, true, false",
            "2, true, false", "3, false, false"})
    void levelsAndBaselines(int level, boolean isLevel, boolean isBaseline) {
        assertThat(GasScore.isLevel(level)).isEqualTo(isLevel);
        assertThat(GasScore.isBaselineLevel(level)).isEqualTo(isBaseline);
    }

    @ParameterizedTest(name = "weight {0} allowed {1}")
    @CsvSource({"0, false", "1, true", "5, true", "10, true", "11, false", "-1, false"})
    void weightsRunFrom1To10(int weight, boolean allowed) {
        assertThat(GasScore.isWeight(weight)).isEqualTo(allowed);
    }

    @Test
    void aWeightedLevelIsOnTheScaleWithAPositiveWeight() {
        assertThatThrownBy(() -> new GasScore.WeightedLevel(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GasScore.WeightedLevel(1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GasScore.WeightedLevel(1, -3)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"63.6502, 63.7", "63.65, 63.7", "63.6499, 63.6", "36.25, 36.3", "50.0, 50.0", "55.00000001, 55.0"})
    void aTScoreIsReportedToOneDecimal(double exact, double reported) {
        assertThat(GasScore.oneDecimal(exact)).isEqualTo(reported);
    }

    static List<GasScore.WeightedLevel> goals(String levels, String weights) {
        int[] x = Arrays.stream(levels.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        int[] w = Arrays.stream(weights.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        assertThat(w).hasSameSizeAs(x);
        List<GasScore.WeightedLevel> goals = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            goals.add(new GasScore.WeightedLevel(w[i], x[i]));
        }
        return goals;
    }

    /** With equal weights the T-score moves by 10.0, 6.20, 4.56, 3.63, 3.02 per point of Σx for n = 1…5 goals. */
    @Test
    void theMultiplierPerPointForEqualWeights() {
        double[] multipliers = {10.0, 6.20, 4.56, 3.63, 3.02};
        for (int n = 1; n <= 5; n++) {
            StringBuilder levels = new StringBuilder("1");
            StringBuilder weights = new StringBuilder("1");
            for (int i = 1; i < n; i++) {
                levels.append(" 0");
                weights.append(" 1");
            }
            double perPoint = GasScore.CONVENTIONAL.tScore(goals(levels.toString(), weights.toString())) - 50;
            assertThat(Math.round(perPoint * 100) / 100.0).as("n = " + n).isEqualTo(multipliers[n - 1]);
        }
    }
}
