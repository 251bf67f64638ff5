package org.tend.progress.domain.outcome;

import java.util.Optional;

/** Which way of moving is better on an instrument's score (clinical basis §3, §3). */
public enum Direction {
    /** PHQ-9, GAD-7, PSS-10, K10, PHQ-2, GAD-2: a higher score is worse. */
    LOWER_IS_BETTER("lower-is-better"),
    /** WHO-5 (and WEMWBS): a higher score is better. */
    HIGHER_IS_BETTER("higher-is-better");

    private final String code;

    Direction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** A change in points turned into points of improvement: positive is better, negative is worse. */
    public double improvement(double change) {
        return this == LOWER_IS_BETTER ? -change : change;
    }

    public static Optional<Direction> fromCode(String code) {
        for (Direction direction : values()) {
            if (direction.code.equals(code)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
