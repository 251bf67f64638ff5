package org.tend.catalogue.domain.plan;

import java.time.Instant;
import org.tend.kernel.PersonalData;

/**
 * A practitioner reviewed the plan and continued it; {@code episode} is the episode under review (0 when the plan was
 * never adjusted). Resolves the participant's open review flags as an adjustment does.
 */
public record PlanReviewed(String participantId, String reviewId, int episode, @PersonalData String reason,
                           @PersonalData String note, String reviewedBy, Instant reviewedAt) {

    /** The one decision a review records: the plan continues as it is (changing it is an adjustment). */
    public static final String DECISION = "continue";
}
