package org.tend.assessment.domain.programme;

/**
 * One measure of a programme's re-assessment schedule.
 *
 * @param measure an instrument's id ({@code phq-9}) or {@value CareSettings#GOAL_RATING} (a rating of every active
 *                goal)
 * @param every   how often it is due: ISO-8601 days, e.g. {@code P14D}
 * @param applies when it applies, published as {@code while}: {@value CareSettings#ENROLLED} (always while the
 *                participant takes part) or {@value CareSettings#PLAN_ACTIVE} (while their care plan has an active
 *                intervention)
 */
public record ScheduleItem(String measure, String every, String applies) {
}
