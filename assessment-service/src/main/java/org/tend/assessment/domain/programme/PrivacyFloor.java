package org.tend.assessment.domain.programme;

/**
 * The smallest minimum group size any programme may choose (configuration
 * {@code tend.privacy.minimum-group-size-floor}, 5 by default, as Viva Insights and Qualtrics EX use): below it
 * aggregate figures could single people out.
 * {@link #CEILING} is the largest size the published contract allows.
 */
public record PrivacyFloor(int minimumGroupSize) {

    public static final int CEILING = 100;
    /** The published contract does not allow a group of fewer than two. */
    public static final int ABSOLUTE_MINIMUM = 2;

    public PrivacyFloor {
        if (minimumGroupSize < ABSOLUTE_MINIMUM || minimumGroupSize > CEILING) {
            throw new IllegalArgumentException("the minimum group size floor must be between " + ABSOLUTE_MINIMUM
                    + " and " + CEILING + ", not " + minimumGroupSize);
        }
    }

    public boolean allows(int groupSize) {
        return groupSize >= minimumGroupSize && groupSize <= CEILING;
    }
}
