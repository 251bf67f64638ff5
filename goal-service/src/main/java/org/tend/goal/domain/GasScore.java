package org.tend.goal.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Goal Attainment Scaling (Kiresuk &amp; Sherman 1968). Each scaled goal is rated on five levels: −2 much less than
 * expected, −1 somewhat less, 0 the expected outcome, +1 somewhat more, +2 much more; the baseline is usually −1,
 * or −2 when things cannot get worse (Turner-Stokes 2009). A participant's goals combine into one T-score, 50 when
 * every goal is met exactly as expected, with a population SD of 10 by construction:
 * <pre>T = 50 + 10·Σwᵢxᵢ / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)</pre>
 * xᵢ the level of goal i, wᵢ its weight, ρ the assumed correlation between goals (conventionally 0.3; the
 * Turner-Stokes 2009 erratum form). Pure arithmetic: which level counts for a goal is the caller's choice.
 */
public final class GasScore {

    public static final int MIN_LEVEL = -2;
    public static final int EXPECTED_LEVEL = 0;
    public static final int MAX_LEVEL = 2;
    /** The five levels, lowest first. */
    public static final List<Integer> LEVELS = List.of(-2, -1, 0, 1, 2);
    public static final int MIN_WEIGHT = 1;
    public static final int MAX_WEIGHT = 10;
    /** An unweighted goal. */
    public static final int DEFAULT_WEIGHT = 1;
    /** The conventional inter-goal correlation (Kiresuk &amp; Sherman). */
    public static final double CONVENTIONAL_RHO = 0.3;
    public static final GasScore CONVENTIONAL = new GasScore(CONVENTIONAL_RHO);

    /** One goal's contribution: its weight (positive) and the level it is at (−2 … +2). */
    public record WeightedLevel(int weight, int level) {
        public WeightedLevel {
            if (weight < 1) {
                throw new IllegalArgumentException("a GAS weight is positive");
            }
            if (!isLevel(level)) {
                throw new IllegalArgumentException("a GAS level is from -2 to +2");
            }
        }
    }

    private final double rho;

    /** @param rho assumed correlation between goals, 0 … 1 (0.3 by convention) */
    public GasScore(double rho) {
        if (!(rho >= 0.0 && rho <= 1.0)) {
            throw new IllegalArgumentException("rho is a correlation from 0 to 1");
        }
        this.rho = rho;
    }

    public double rho() {
        return rho;
    }

    /** The T-score over at least one goal. */
    public double tScore(List<WeightedLevel> goals) {
        if (goals.isEmpty()) {
            throw new IllegalArgumentException("a T-score needs at least one rated goal");
        }
        double weightedLevels = 0;
        double sumOfWeights = 0;
        double sumOfSquaredWeights = 0;
        for (WeightedLevel goal : goals) {
            weightedLevels += (double) goal.weight() * goal.level();
            sumOfWeights += goal.weight();
            sumOfSquaredWeights += (double) goal.weight() * goal.weight();
        }
        double spread = Math.sqrt((1 - rho) * sumOfSquaredWeights + rho * sumOfWeights * sumOfWeights);
        return 50 + 10 * weightedLevels / spread;
    }

    /** A T-score as it is reported: one decimal, halves rounded away from zero. */
    public static double oneDecimal(double tScore) {
        return BigDecimal.valueOf(tScore).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    public static boolean isLevel(int level) {
        return level >= MIN_LEVEL && level <= MAX_LEVEL;
    }

    /** A baseline lies below the expected outcome: −1, or −2 when things cannot get worse. */
    public static boolean isBaselineLevel(int level) {
        return level == -2 || level == -1;
    }

    public static boolean isWeight(int weight) {
        return weight >= MIN_WEIGHT && weight <= MAX_WEIGHT;
    }
}
