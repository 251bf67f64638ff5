package org.tend.progress.domain.outcome;

import java.util.Objects;

/**
 * How change on one instrument is classified, as the outcome data names it. {@link #id()} is the option's id in the
 * data file; {@link #kind()} the method. Every number comes from the data file, never from code.
 */
public sealed interface ChangeMethod {

    String NHS_TALKING_THERAPIES = "nhs-talking-therapies";
    String JACOBSON_TRUAX = "jacobson-truax";
    String FIXED_THRESHOLD = "fixed-threshold";
    String NOT_CLASSIFIED = "not-classified";

    String id();

    String kind();

    /**
     * NHS Talking Therapies (clinical basis §6.3): a fall of at least {@code reliableChange} points is reliable
     * improvement, a rise of as much reliable deterioration (on a lower-is-better scale).
     */
    record NhsTalkingTherapies(String id, int reliableChange) implements ChangeMethod {
        public NhsTalkingTherapies {
            Objects.requireNonNull(id, "id");
            if (reliableChange < 1) {
                throw new IllegalArgumentException("reliableChange must be at least 1 point");
            }
        }

        @Override
        public String kind() {
            return NHS_TALKING_THERAPIES;
        }
    }

    /**
     * Jacobson &amp; Truax 1991 (clinical basis §6.1): S_diff = SD1·√2·√(1 − r), RCI = (post − pre) / S_diff,
     * reliable when |RCI| &gt; z.
     *
     * @param reliabilityKind what r is, e.g. {@code test-retest} or {@code cronbach-alpha} (§6.1 ⚠ method choices)
     */
    record JacobsonTruax(String id, double sd1, double reliability, String reliabilityKind, double z)
            implements ChangeMethod {
        public JacobsonTruax {
            Objects.requireNonNull(id, "id");
            if (!(sd1 > 0)) {
                throw new IllegalArgumentException("sd1 must be positive");
            }
            if (!(reliability > 0 && reliability < 1)) {
                throw new IllegalArgumentException("reliability must be between 0 and 1 (exclusive)");
            }
            if (!(z > 0)) {
                throw new IllegalArgumentException("z must be positive");
            }
        }

        /** Standard error of the difference between two scores. */
        public double sDiff() {
            return sd1 * Math.sqrt(2) * Math.sqrt(1 - reliability);
        }

        public double rci(int change) {
            return change / sDiff();
        }

        /** The change a score must exceed to be reliable: z · S_diff. */
        public double minimumReliableChange() {
            return z * sDiff();
        }

        @Override
        public String kind() {
            return JACOBSON_TRUAX;
        }
    }

    /**
     * A published fixed change: a move of at least {@code points} in the better direction is reliable improvement,
     * as much in the worse direction reliable deterioration (WHO-5: 10 points on the percentage score, §3.5).
     */
    record FixedThreshold(String id, double points) implements ChangeMethod {
        public FixedThreshold {
            Objects.requireNonNull(id, "id");
            if (!(points > 0)) {
                throw new IllegalArgumentException("points must be positive");
            }
        }

        @Override
        public String kind() {
            return FIXED_THRESHOLD;
        }
    }

    /** No documented threshold or SD/reliability: change is shown but not classified, and {@code reason} says why. */
    record NotClassified(String id, String reason) implements ChangeMethod {
        public NotClassified {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return NOT_CLASSIFIED;
        }
    }
}
