package org.tend.progress.domain;

import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * What a participant's programme sets for the loop of monitoring and adjusting: how long a review flag may stay
 * unresolved before it is overdue, and the re-assessment schedule (what is due how often, and while what holds).
 * {@code since} is when they took effect (null: from the beginning); a schedule counts from then at the earliest, so
 * a measure added to a running programme does not make everyone overdue at once.
 */
public record CareSettings(Period reviewPeriod, String scheduleVersion, List<ScheduleItem> schedule,
                           java.time.Instant since) {

    /** A programme whose settings are not known (yet): flags are overdue after 14 days; nothing is scheduled. */
    public static final CareSettings DEFAULT = new CareSettings(Period.ofDays(14), null, List.of(), null);

    /** Settings without a start (tests, and what holds from the beginning). */
    public CareSettings(Period reviewPeriod, String scheduleVersion, List<ScheduleItem> schedule) {
        this(reviewPeriod, scheduleVersion, schedule, null);
    }

    public CareSettings {
        Objects.requireNonNull(reviewPeriod, "reviewPeriod");
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
    }

    /** What is due ({@code measure}: an instrument id, or {@link #GOAL_RATING}) every so often. */
    public record ScheduleItem(String measure, Period every, Applies applies) {
        public ScheduleItem {
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(every, "every");
            Objects.requireNonNull(applies, "applies");
        }
    }

    /** While enrolled, or only while the care plan has an active intervention. */
    public enum Applies {
        ENROLLED("enrolled"), PLAN_ACTIVE("plan-active");

        private final String code;

        Applies(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Applies ofCode(String code) {
            for (Applies applies : values()) {
                if (applies.code.equals(code)) {
                    return applies;
                }
            }
            throw new IllegalArgumentException("unknown 'while': " + code);
        }
    }

    /** The schedule's measure for a rating of every active goal. */
    public static final String GOAL_RATING = "goal-rating";
}
