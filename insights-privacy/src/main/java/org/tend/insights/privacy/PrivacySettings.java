package org.tend.insights.privacy;

import java.util.Objects;

/**
 * A programme's privacy settings: its minimum group size k and whether noise mode is on.
 *
 * @param minimumGroupSize k: no figure is computed over fewer participants (at least {@link #LEAST_GROUP_SIZE})
 * @param noise            {@link Noise#OFF} (exact figures, the default) or noise mode's parameters
 */
public record PrivacySettings(int minimumGroupSize, Noise noise) {

    /** The smallest k a programme may set. */
    public static final int LEAST_GROUP_SIZE = 5;
    /** The k of a programme that sets none. */
    public static final int DEFAULT_GROUP_SIZE = 10;

    public PrivacySettings {
        Objects.requireNonNull(noise, "noise");
        if (minimumGroupSize < LEAST_GROUP_SIZE) {
            throw new IllegalArgumentException("the minimum group size is at least " + LEAST_GROUP_SIZE);
        }
    }

    public static PrivacySettings exact(int minimumGroupSize) {
        return new PrivacySettings(minimumGroupSize, Noise.OFF);
    }

    public static PrivacySettings defaults() {
        return exact(DEFAULT_GROUP_SIZE);
    }

    public boolean noiseMode() {
        return noise.on();
    }

    /**
     * Noise mode: every released count and sum carries discrete Laplace noise; each figure a user sees costs
     * {@code perFigure} of their {@code monthlyBudget}.
     *
     * @param on            whether noise mode is on
     * @param perFigure     ε spent by one figure (split evenly between its count and its sum or cells)
     * @param monthlyBudget ε one HR user may spend in one calendar month on this programme
     */
    public record Noise(boolean on, Epsilon perFigure, Epsilon monthlyBudget) {

        public static final Noise OFF = new Noise(false, Epsilon.ZERO, Epsilon.ZERO);

        public Noise {
            Objects.requireNonNull(perFigure, "perFigure");
            Objects.requireNonNull(monthlyBudget, "monthlyBudget");
            if (on && !perFigure.isPositive()) {
                throw new IllegalArgumentException("noise mode spends a positive ε per figure");
            }
        }

        public static Noise on(Epsilon perFigure, Epsilon monthlyBudget) {
            return new Noise(true, perFigure, monthlyBudget);
        }
    }
}
