package org.tend.catalogue.web;

import java.time.Instant;
import java.util.List;

/**
 * A participant's care plan: the level they are at, what they are doing and did (each intervention with its start and
 * end), and every adjustment and review in order. Notes are shown to practitioners only.
 *
 * @param level    the plan's stepped-care level; before any adjustment, the level of the participant's
 *                 recommendations (where the plan would start), or {@code null} when none was issued
 * @param episode  the current plan episode (0 before the first adjustment)
 * @param schedule the programme's re-assessment schedule, as data
 */
public record CarePlanResponse(String participantId, Level level, int episode, List<Intervention> interventions,
                               List<Adjustment> adjustments, List<Review> reviews, Schedule schedule) {

    /**
     * The re-assessment schedule of the participant's programme ({@code version} null and no items while the
     * programme's settings are not known here yet); what is due when is on the participant's journey.
     *
     * @param reviewPeriod how long a review flag may stay unresolved before it is overdue
     */
    public record Schedule(String version, String reviewPeriod, List<ScheduleItem> items) {
    }

    /** @param applies {@code enrolled} or {@code plan-active} */
    public record ScheduleItem(String measure, String every, String applies) {
    }

    public record Level(String code, String label) {
    }

    /** @param endedAt {@code null} while active; {@code endReason} the coded reason it ended */
    public record Intervention(String interventionId, String name, String status, int episode, Instant startedAt,
                               Instant endedAt, String endReason) {
    }

    public record Adjustment(String adjustmentId, int episode, String change, String reason, String note,
                             String previousLevel, String level, String interventionId, String replacedInterventionId,
                             List<String> interventions, String adjustedByRole, Instant adjustedAt) {
    }

    public record Review(String reviewId, int episode, String decision, String reason, String note,
                         Instant reviewedAt) {
    }
}
