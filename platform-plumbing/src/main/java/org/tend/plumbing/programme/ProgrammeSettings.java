package org.tend.plumbing.programme;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * A programme's care settings as a consuming service knows them, from assessment-service's
 * {@code tend.assessment.programme-settings-changed.v1}.
 *
 * @param maxActiveGoals  most goals a participant may have active at once (1–5)
 * @param reviewPeriod    how long a review flag may stay unresolved before it is overdue (days)
 * @param scheduleVersion the version of the re-assessment schedule ({@code default-v1}, {@code programme-v2} …)
 * @param schedule        the re-assessment schedule: what is due how often, while what holds
 * @param changedAt       when the settings took effect; {@code null} for {@link #defaults}
 */
public record ProgrammeSettings(String programmeId, int maxActiveGoals, Period reviewPeriod, String scheduleVersion,
                                List<ScheduleItem> schedule, Instant changedAt) {

    /** What a programme whose settings are not (yet) known is taken to have: 3 active goals. */
    public static final int DEFAULT_MAX_ACTIVE_GOALS = 3;
    /** What a programme whose settings are not (yet) known is taken to have: 14 days. */
    public static final Period DEFAULT_REVIEW_PERIOD = Period.ofDays(14);

    public ProgrammeSettings {
        Objects.requireNonNull(programmeId);
        Objects.requireNonNull(reviewPeriod);
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
    }

    /** When something applies: always while enrolled, or only while the care plan has an active intervention. */
    public enum Applies {
        ENROLLED("enrolled"), PLAN_ACTIVE("plan-active");

        private final String code;

        Applies(String code) {
            this.code = code;
        }

        /** The contract's code ({@code enrolled}, {@code plan-active}). */
        public String code() {
            return code;
        }

        public static Applies ofCode(String code) {
            for (Applies a : values()) {
                if (a.code.equals(code)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown 'while': " + code);
        }
    }

    /** One measure of the schedule: an instrument's slug ({@code phq-9}) or {@code goal-rating}, every so often. */
    public record ScheduleItem(String measure, Period every, Applies applies) {
    }

    /**
     * The settings of a programme assessment-service has told nothing about yet (or that was created before
     * programmes had settings): {@value #DEFAULT_MAX_ACTIVE_GOALS} active goals, a 14-day review period and an empty
     * schedule (nothing is due until the programme's schedule is known), {@code changedAt} null.
     */
    public static ProgrammeSettings defaults(String programmeId) {
        return new ProgrammeSettings(programmeId, DEFAULT_MAX_ACTIVE_GOALS, DEFAULT_REVIEW_PERIOD, null, List.of(),
                null);
    }

    /** Whether these are {@link #defaults} rather than settings assessment-service published. */
    public boolean isDefault() {
        return changedAt == null;
    }
}
