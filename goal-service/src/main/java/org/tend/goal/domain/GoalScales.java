package org.tend.goal.domain;

import java.util.Optional;

/**
 * The settings of the goal scales that a clinical lead may choose: ρ of the GAS T-score ({@link GasScore}) and the
 * GBO reliable change, which classifies a goal's change only when set (the figure usually quoted is unverified, so
 * it is off by default). Goal-service is the one place these are computed; other services show its results.
 *
 * @param gboReliableChange the least change, in points, that counts as reliable; null: changes are not classified
 */
public record GoalScales(GasScore gas, Double gboReliableChange) {

    public static final GoalScales CONVENTIONAL = new GoalScales(GasScore.CONVENTIONAL, null);

    public GoalScales {
        if (gas == null) {
            throw new IllegalArgumentException("the GAS settings are required");
        }
        if (gboReliableChange != null && !(gboReliableChange > 0 && gboReliableChange <= 10)) {
            throw new IllegalArgumentException("a GBO reliable change is a positive number of points up to 10");
        }
    }

    /**
     * A GBO change classified against the reliable change: {@code reliable-improvement},
     * {@code no-reliable-change} or {@code reliable-deterioration}; empty while no reliable change is set.
     */
    public Optional<String> classifyGboChange(int change) {
        if (gboReliableChange == null) {
            return Optional.empty();
        }
        if (change >= gboReliableChange) {
            return Optional.of("reliable-improvement");
        }
        if (change <= -gboReliableChange) {
            return Optional.of("reliable-deterioration");
        }
        return Optional.of("no-reliable-change");
    }
}
