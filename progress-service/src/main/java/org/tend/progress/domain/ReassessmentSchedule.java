package org.tend.progress.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the programme's re-assessment schedule makes due for one participant now. An item applies while its condition
 * holds (enrolled; or the care plan has an active intervention) and falls due {@code every} after the later of its
 * last check-in and the moment it began to apply; it is overdue once half as long again has passed without one
 * (a fortnightly PHQ-9 a week after its due date, a weekly goal rating three and a half days after). A goal rating is
 * due only while the participant has an active goal to rate.
 */
public final class ReassessmentSchedule {

    /**
     * One scheduled measure: counted from {@code countedFrom} (its last check-in, or when it began to apply), due at
     * {@code dueAt}, overdue from {@code overdueAt}; status {@code upcoming}, {@code due} or {@code overdue}.
     * {@code lastDoneAt} is null when it was never done.
     */
    public record Due(String measure, String every, String applies, Instant lastDoneAt, Instant countedFrom,
                      Instant dueAt, Instant overdueAt, String status) {
        public boolean isOverdue() {
            return OVERDUE.equals(status);
        }

        /** Due or overdue: waiting for the participant now. */
        public boolean isWaiting() {
            return !UPCOMING.equals(status);
        }
    }

    public static final String UPCOMING = "upcoming";
    public static final String DUE = "due";
    public static final String OVERDUE = "overdue";

    private ReassessmentSchedule() {
    }

    /**
     * What the schedule counts from, for one participant.
     *
     * @param enrolledAt       when they enrolled (null: unknown yet, so nothing "while enrolled" applies)
     * @param planActiveSince  since when their care plan has had an active intervention without a break (null: none)
     * @param goalsActiveSince since when they have had an active goal without a break (null: none): a goal rating
     *                         applies only while there is a goal to rate
     * @param notBefore        nothing counts from before this (the settings taking effect, consent given again);
     *                         null for no bound
     * @param lastDone         the latest check-in of each measure (instrument id, or {@link CareSettings#GOAL_RATING}
     *                         for a rating of a goal, on either of its scales)
     */
    public record Facts(Instant enrolledAt, Instant planActiveSince, Instant goalsActiveSince, Instant notBefore,
                        Map<String, Instant> lastDone) {
    }

    public static List<Due> due(CareSettings settings, Facts facts, Instant now) {
        List<Due> due = new ArrayList<>();
        for (CareSettings.ScheduleItem item : settings.schedule()) {
            Instant since = item.applies() == CareSettings.Applies.ENROLLED ? facts.enrolledAt()
                    : facts.planActiveSince();
            if (CareSettings.GOAL_RATING.equals(item.measure())) {
                since = latest(since, facts.goalsActiveSince(), true);
            }
            if (since == null) {
                continue;
            }
            since = latest(since, facts.notBefore(), false);
            Instant last = facts.lastDone().get(item.measure());
            Instant base = last != null && last.isAfter(since) ? last : since;
            Duration every = Duration.ofDays(item.every().getDays());
            Instant dueAt = base.plus(every);
            Instant overdueAt = dueAt.plus(every.dividedBy(2));
            String status = now.isBefore(dueAt) ? UPCOMING : now.isBefore(overdueAt) ? DUE : OVERDUE;
            due.add(new Due(item.measure(), item.every().toString(), item.applies().code(), last, base, dueAt,
                    overdueAt, status));
        }
        return List.copyOf(due);
    }

    /** The later of two instants; with {@code bothRequired}, null when either is (the condition does not hold). */
    private static Instant latest(Instant a, Instant b, boolean bothRequired) {
        if (a == null || b == null) {
            return bothRequired ? null : a == null ? b : a;
        }
        return a.isAfter(b) ? a : b;
    }
}
