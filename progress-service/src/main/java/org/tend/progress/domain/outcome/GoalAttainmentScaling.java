package org.tend.progress.domain.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The Goal Attainment Scaling T-score over a participant's goals (Kiresuk &amp; Sherman 1968, in the form of the
 * Turner-Stokes 2009 erratum; clinical reference §5.2):
 * <pre>T = 50 + 10·Σwᵢxᵢ / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)</pre>
 * xᵢ the level a goal is at (−2 … +2), wᵢ its weight, ρ the assumed correlation between goals (0.3 by convention;
 * from the outcome data). T = 50 means every goal met exactly as expected; the population SD is 10 by construction.
 */
public final class GoalAttainmentScaling {

    public static final int MIN_LEVEL = -2;
    public static final int MAX_LEVEL = 2;

    private GoalAttainmentScaling() {
    }

    /** One goal's part: its weight (≥ 1) and the level it is at (−2 … +2). */
    public record WeightedLevel(int weight, int level) {
        public WeightedLevel {
            if (weight < 1) {
                throw new IllegalArgumentException("a GAS weight is at least 1");
            }
            if (level < MIN_LEVEL || level > MAX_LEVEL) {
                throw new IllegalArgumentException("a GAS level is from -2 to +2");
            }
        }
    }

    /** The T-score over at least one goal, unrounded. */
    public static double tScore(List<WeightedLevel> goals, double rho) {
        if (goals.isEmpty()) {
            throw new IllegalArgumentException("a T-score needs at least one rated goal");
        }
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho is a correlation from 0 to 1");
        }
        double weighted = 0;
        double sumOfWeights = 0;
        double sumOfSquares = 0;
        for (WeightedLevel goal : goals) {
            weighted += (double) goal.weight() * goal.level();
            sumOfWeights += goal.weight();
            sumOfSquares += (double) goal.weight() * goal.weight();
        }
        return 50 + 10 * weighted / Math.sqrt((1 - rho) * sumOfSquares + rho * sumOfWeights * sumOfWeights);
    }

    /** A T-score as reported: one decimal, halves away from zero (§5.2 test vectors are given so). */
    public static double oneDecimal(double tScore) {
        return BigDecimal.valueOf(tScore).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
