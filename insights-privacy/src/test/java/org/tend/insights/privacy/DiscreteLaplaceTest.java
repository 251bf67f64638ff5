package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampler draws exactly the discrete Laplace distribution (checked on a seeded generator, reproducibly). */
class DiscreteLaplaceTest {

    private static final int DRAWS = 200_000;

    @Test
    void samplesFollowTheDiscreteLaplaceDistributionOfScaleSensitivityOverEpsilon() {
        // Δ = 1, ε = 0.5: scale 2, P[y] = (1 − q)/(1 + q)·q^|y| with q = e^(−1/2).
        DiscreteLaplace laplace = new DiscreteLaplace(new SplittableRandom(7));
        long[] seen = new long[41];
        for (int i = 0; i < DRAWS; i++) {
            long y = laplace.noise(1, Epsilon.of("0.5"));
            if (Math.abs(y) <= 20) {
                seen[(int) y + 20]++;
            }
        }
        double q = Math.exp(-0.5);
        for (int y = -8; y <= 8; y++) {
            double p = (1 - q) / (1 + q) * Math.pow(q, Math.abs(y));
            double expected = p * DRAWS;
            double sd = Math.sqrt(DRAWS * p * (1 - p));
            assertThat((double) seen[y + 20]).as("y = %d", y).isBetween(expected - 5 * sd, expected + 5 * sd);
        }
    }

    @Test
    void aLargerSensitivityOrASmallerEpsilonSpreadsTheNoise() {
        DiscreteLaplace laplace = new DiscreteLaplace(new SplittableRandom(11));
        assertThat(meanAbsolute(laplace, 27, Epsilon.of("0.5"))).isGreaterThan(40);
        assertThat(meanAbsolute(laplace, 1, Epsilon.of("2"))).isLessThan(0.5);
    }

    private static double meanAbsolute(DiscreteLaplace laplace, long sensitivity, Epsilon epsilon) {
        long total = 0;
        for (int i = 0; i < 20_000; i++) {
            total += Math.abs(laplace.noise(sensitivity, epsilon));
        }
        return total / 20_000.0;
    }

    @Test
    void bernoulliOfExpMinusGammaHasThatProbabilityBelowAndAboveOne() {
        DiscreteLaplace laplace = new DiscreteLaplace(new SplittableRandom(3));
        for (long[] gamma : new long[][] {{1, 2}, {5, 2}, {0, 1}}) {
            int hits = 0;
            for (int i = 0; i < DRAWS; i++) {
                if (laplace.bernoulliExpMinus(gamma[0], gamma[1])) {
                    hits++;
                }
            }
            double p = Math.exp(-(double) gamma[0] / gamma[1]);
            double sd = Math.sqrt(DRAWS * p * (1 - p)) + 1;
            assertThat((double) hits).as("γ = %d/%d", gamma[0], gamma[1])
                    .isBetween(p * DRAWS - 5 * sd, p * DRAWS + 5 * sd);
        }
    }

    @Test
    void noEpsilonOrSensitivityBelowOneIsAccepted() {
        DiscreteLaplace laplace = DiscreteLaplace.secure();
        assertThatThrownBy(() -> laplace.noise(1, Epsilon.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> laplace.noise(0, Epsilon.of("1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
